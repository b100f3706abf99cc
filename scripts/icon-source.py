#!/usr/bin/env python3
"""Draws the source image of the app icon (icons/source.png, 1024x1024): a rounded
tile holding a 3x3 heat map, green to red. `make icons` turns it into every size with
`tauri icon`. Plain Python (zlib), so it needs nothing installed."""
import struct
import sys
import zlib

SIZE = 1024
BG = (24, 37, 56)
CELLS = [  # rows top to bottom, as a heat map is drawn
    [(251, 192, 45), (245, 124, 0), (198, 40, 40)],
    [(124, 179, 66), (251, 192, 45), (245, 124, 0)],
    [(46, 125, 50), (124, 179, 66), (251, 192, 45)],
]


def inside_rounded(x, y, x0, y0, x1, y1, r):
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def pixel(x, y):
    if not inside_rounded(x, y, 40, 40, SIZE - 40, SIZE - 40, 180):
        return (0, 0, 0, 0)
    margin, gap = 170, 36
    cell = (SIZE - 2 * margin - 2 * gap) // 3
    for row in range(3):
        for col in range(3):
            x0 = margin + col * (cell + gap)
            y0 = margin + row * (cell + gap)
            if inside_rounded(x, y, x0, y0, x0 + cell, y0 + cell, 36):
                return CELLS[row][col] + (255,)
    return BG + (255,)


def png(path):
    raw = bytearray()
    for y in range(SIZE):
        raw.append(0)
        for x in range(SIZE):
            raw.extend(pixel(x, y))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", header))
        f.write(chunk(b"IDAT", zlib.compress(bytes(raw), 9)))
        f.write(chunk(b"IEND", b""))


png(sys.argv[1] if len(sys.argv) > 1 else "icons/source.png")
