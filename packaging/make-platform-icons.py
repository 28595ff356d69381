#!/usr/bin/env python3
"""Writes packaging/windows/finetune-studio.ico and packaging/macos/finetune-studio.icns from the PNGs
in resources/icons (standard library only; both formats hold the PNG files as they are). Run it after
changing the icons and commit the results: the Windows and macOS builds use them, the Linux packages
install the PNGs and the SVG directly."""
import struct
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
icons = root / "resources" / "icons"
sizes = [16, 32, 48, 64, 128, 256]
pngs = {s: (icons / f"finetune-studio-{s}.png").read_bytes() for s in sizes}
for s, data in pngs.items():
    w, h = struct.unpack(">II", data[16:24])
    if data[:8] != b"\x89PNG\r\n\x1a\n" or (w, h) != (s, s):
        sys.exit(f"finetune-studio-{s}.png is not a {s}x{s} PNG")

# ICO (Windows Vista and later read PNG entries): ICONDIR, one ICONDIRENTRY per image, the images.
ico = bytearray(struct.pack("<HHH", 0, 1, len(sizes)))
offset = 6 + 16 * len(sizes)
for s in sizes:
    n = len(pngs[s])
    ico += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, n, offset)  # 256 is written as 0
    offset += n
for s in sizes:
    ico += pngs[s]
(root / "packaging" / "windows" / "finetune-studio.ico").write_bytes(bytes(ico))

# ICNS: 'icns' + total length, then (OSType, length incl. 8-byte header, PNG data) per entry.
# icp4 16, icp5 32, icp6 64, ic07 128, ic08 256, ic11 16@2x, ic12 32@2x, ic13 128@2x.
types = [("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256),
         ("ic11", 32), ("ic12", 64), ("ic13", 256)]
body = b"".join(t.encode() + struct.pack(">I", 8 + len(pngs[s])) + pngs[s] for t, s in types)
(root / "packaging" / "macos" / "finetune-studio.icns").write_bytes(b"icns" + struct.pack(">I", 8 + len(body)) + body)
print("wrote packaging/windows/finetune-studio.ico and packaging/macos/finetune-studio.icns")
