"""Every write in processes goes through a function here (``<entity>_<verb>``).

``contributions`` holds what all input shares: references, timeline,
reasoned status changes and optimistic locking. The other modules hold one
kind of object each.
"""
