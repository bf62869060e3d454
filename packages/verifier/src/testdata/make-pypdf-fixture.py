# Regenerates src/testdata/pypdf-attachment.pdf: a PDF written by another tool than pdf-lib (pypdf 6.19.0),
# with the bundle of buildScenario() attached and compressed with FlateDecode:
#   python3 make-pypdf-fixture.py INV-2026-0001.tradehub.json pypdf-attachment.pdf
import sys
from pypdf import PdfWriter
from pypdf.generic import NameObject

data = open(sys.argv[1], 'rb').read()
writer = PdfWriter()
writer.add_blank_page(width=595, height=842)
writer.add_attachment('INV-2026-0001.tradehub.json', data)
# Compress every embedded file stream the way most PDF producers do.
for i, obj in enumerate(writer._objects):
    if obj is not None and hasattr(obj, 'get') and obj.get('/Type') == '/EmbeddedFile':
        writer._objects[i] = obj.flate_encode()
writer.add_metadata({'/Producer': 'pypdf'})
with open(sys.argv[2], 'wb') as out:
    writer.write(out)
