"""Writing CSV that streams and that a spreadsheet reads safely."""


def safe_cell(text: str) -> str:
    """A spreadsheet must not read a name or a title as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class Echo:
    """A file for ``csv.writer`` that hands each line back, to stream it."""

    def write(self, value):
        return value
