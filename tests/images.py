"""Photos as a phone writes them, built with Pillow for the upload tests: with
a GPS position, a camera and an orientation in their EXIF, and an XMP packet."""

import io

from PIL import ExifTags, Image

GPS_LATITUDE = (59.0, 54.0, 30.0)
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="59,54.5N"/>'
    b"</rdf:RDF></x:xmpmeta>"
)
# EXIF orientation 6: the camera was turned, show the pixels turned 90° clockwise.
TURNED = 6


def photo(fmt: str = "JPEG", *, size: tuple[int, int] = (40, 20), orientation: int = 1) -> bytes:
    """An image ``size`` wide and high as stored, whose EXIF says where it was taken."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Telefonprodusent"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: GPS_LATITUDE,
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (10.0, 45.0, 0.0),
    }
    image = Image.new("RGB", size, "red")
    # The left half blue, so a turn shows in the pixels, not just the size.
    image.paste("blue", (0, 0, size[0] // 2, size[1]))
    buffer = io.BytesIO()
    extra = {"xmp": XMP} if fmt in ("JPEG", "WEBP") else {}
    image.save(buffer, format=fmt, exif=exif, **extra)
    return buffer.getvalue()


def has_metadata(data: bytes) -> bool:
    """Whether the image holds any EXIF (a GPS position above all) or XMP."""
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return (
            bool(exif)
            or bool(exif.get_ifd(ExifTags.IFD.GPSInfo))
            or "xmp" in image.info
            or (b"GPSLatitude" in data)
        )
