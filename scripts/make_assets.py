#!/usr/bin/env python3
"""Draws GridMMO's viewer art and writes it as PNG files under assets/ and as the Swift source
Sources/MMOViewer/Art/ArtAtlasPNG.swift, so the viewer needs no files at run time.

Everything is drawn here from code (Python standard library only); run it from the repository
root after changing the art: `python3 scripts/make_assets.py`. The output is deterministic.

Atlas layout (RGBA, 256 x 72): row 0 the 16 material tiles (16x16, by material id), row 1 the
player (white, tinted per team by the viewer), the passive, neutral and hostile NPCs and the
death marker, row 2 the 16 item icons, then the 6x8 font cells of printable ASCII, 32 a row.
"""
import base64
import os
import random
import struct
import zlib

T = 16
ATLAS_W, ATLAS_H = 256, 72
FONT_Y, GLYPH_W, GLYPH_H = 48, 6, 8


def rgb(hex_code, a=255):
    return ((hex_code >> 16) & 255, (hex_code >> 8) & 255, hex_code & 255, a)


def shade(color, amount):
    r, g, b, a = color
    f = lambda v: max(0, min(255, int(v + amount)))
    return (f(r), f(g), f(b), a)


CLEAR = (0, 0, 0, 0)
OUTLINE = rgb(0x1B1B24)


class Canvas:
    def __init__(self, w, h, fill=CLEAR):
        self.w, self.h = w, h
        self.px = [fill] * (w * h)

    def set(self, x, y, c):
        if 0 <= x < self.w and 0 <= y < self.h:
            self.px[y * self.w + x] = c

    def get(self, x, y):
        return self.px[y * self.w + x]

    def rect(self, x0, y0, x1, y1, c):
        for y in range(y0, y1 + 1):
            for x in range(x0, x1 + 1):
                self.set(x, y, c)

    def disc(self, cx, cy, r, c):
        for y in range(int(cy - r - 1), int(cy + r + 2)):
            for x in range(int(cx - r - 1), int(cx + r + 2)):
                if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
                    self.set(x, y, c)

    def line(self, x0, y0, x1, y1, c):
        steps = max(abs(x1 - x0), abs(y1 - y0), 1)
        for i in range(steps + 1):
            self.set(round(x0 + (x1 - x0) * i / steps), round(y0 + (y1 - y0) * i / steps), c)

    def pattern(self, rows, palette, ox=0, oy=0):
        for y, row in enumerate(rows):
            for x, ch in enumerate(row):
                if ch in palette:
                    self.set(ox + x, oy + y, palette[ch])

    def outline(self, c=OUTLINE):
        """Surrounds every opaque pixel with `c` where the neighbour is transparent."""
        opaque = [p[3] > 0 for p in self.px]
        for y in range(self.h):
            for x in range(self.w):
                if opaque[y * self.w + x]:
                    continue
                for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                    nx, ny = x + dx, y + dy
                    if 0 <= nx < self.w and 0 <= ny < self.h and opaque[ny * self.w + nx]:
                        self.set(x, y, c)
                        break

    def blit(self, other, ox, oy):
        for y in range(other.h):
            for x in range(other.w):
                self.set(ox + x, oy + y, other.get(x, y))


def speckled(base, seed, spread=10, density=1.0):
    rng = random.Random(seed)
    c = Canvas(T, T, base)
    for y in range(T):
        for x in range(T):
            if rng.random() < density:
                c.set(x, y, shade(base, rng.randint(-spread, spread)))
    return c


def grass_tile(seed, base=rgb(0x5DA040)):
    c = speckled(base, seed, 8)
    rng = random.Random(seed + 1)
    for _ in range(7):
        x, y = rng.randrange(1, T - 1), rng.randrange(2, T)
        c.set(x, y, shade(base, 28))
        c.set(x, y - 1, shade(base, 18))
    return c


def material_tiles():
    tiles = []
    # 0 Void: near-black with faint stars.
    c = Canvas(T, T, rgb(0x0B0B12))
    for x, y in ((3, 4), (11, 2), (7, 10), (13, 13), (2, 13)):
        c.set(x, y, rgb(0x24243A))
    tiles.append(c)
    # 1 Water: blue with light wave marks.
    c = speckled(rgb(0x2F6FD0), 11, 5)
    for y, x0 in ((3, 2), (8, 8), (12, 3)):
        for dx, dy in ((0, 1), (1, 0), (2, 0), (3, 1)):
            c.set(x0 + dx, y + dy, rgb(0x8FC2FF))
    tiles.append(c)
    # 2 Grass.
    tiles.append(grass_tile(21))
    # 3 Scrub: dry, eaten grass.
    c = speckled(rgb(0x9C9A52), 31, 10)
    rng = random.Random(32)
    for _ in range(6):
        x, y = rng.randrange(1, 15), rng.randrange(2, 15)
        c.set(x, y, rgb(0x6E6B34))
    tiles.append(c)
    # 4 Foilage: grass with a leafy bush and berries.
    c = grass_tile(41)
    c.disc(7.5, 8, 5.5, rgb(0x2E7A2A))
    c.disc(6.5, 6.5, 3.2, rgb(0x3F9636))
    for x, y in ((5, 9), (9, 6), (10, 10), (6, 5)):
        c.set(x, y, rgb(0xD8434E))
    tiles.append(c)
    # 5 Stone: grey rock blocks.
    c = speckled(rgb(0x7D7F86), 51, 8)
    for y in (5, 10, 15):
        for x in range(T):
            c.set(x, y, rgb(0x55575E))
    for y0, y1, xs in ((0, 4, (6,)), (6, 9, (3, 11)), (11, 14, (8,))):
        for x in xs:
            for y in range(y0, y1 + 1):
                c.set(x, y, rgb(0x55575E))
    for y in (0, 6, 11):
        for x in range(T):
            if c.get(x, y) != rgb(0x55575E):
                c.set(x, y, rgb(0x9A9CA3))
    tiles.append(c)
    # 6 Slag: mined-out dark rubble.
    c = speckled(rgb(0x5B5550), 61, 10)
    rng = random.Random(62)
    for _ in range(5):
        c.disc(rng.randrange(2, 14), rng.randrange(2, 14), 1.2, rgb(0x3E3A36))
    tiles.append(c)
    # 7 Ore: rock with copper and gold veins.
    c = speckled(rgb(0x6E6A66), 71, 8)
    c.disc(7.5, 7.5, 6, rgb(0x85807A))
    for x, y in ((5, 5), (6, 5), (5, 6), (10, 8), (11, 8), (10, 9), (7, 11), (8, 11), (4, 9)):
        c.set(x, y, rgb(0xE0A046))
    for x, y in ((6, 6), (11, 9), (8, 12)):
        c.set(x, y, rgb(0xFFE08A))
    tiles.append(c)
    # 8 Stump: grass with a cut trunk.
    c = grass_tile(81)
    c.disc(7.5, 8.5, 3.6, rgb(0x6B4423))
    c.disc(7.5, 8.5, 2.4, rgb(0xB88A55))
    c.set(7, 8, rgb(0x8A6234))
    c.set(8, 9, rgb(0x8A6234))
    tiles.append(c)
    # 9 Tree: grass with a round canopy and trunk.
    c = grass_tile(91)
    c.rect(7, 10, 8, 14, rgb(0x6B4423))
    c.disc(7.5, 6.5, 5.8, rgb(0x1F5E24))
    c.disc(6.5, 5.5, 4.0, rgb(0x2D7A30))
    c.disc(5.5, 4.5, 1.6, rgb(0x4A9C46))
    tiles.append(c)
    # 10 Fragment: rock with small broken shards.
    c = speckled(rgb(0x6A6F80), 101, 8)
    for x, y in ((4, 5), (10, 4), (8, 10), (5, 12), (12, 11)):
        c.set(x, y, rgb(0x8FE0F0))
        c.set(x + 1, y, rgb(0x5AA8C0))
    tiles.append(c)
    # 11 Crystal: cyan crystal cluster on rock.
    c = speckled(rgb(0x5E6272), 111, 8)
    for cx, top, h in ((5, 6, 7), (8, 2, 11), (11, 5, 8)):
        for y in range(top, top + h):
            width = 1 if y < top + 2 else 2
            for x in range(cx - width + 1, cx + width):
                c.set(x, y, rgb(0x6FE3F5))
            c.set(cx - width + 1, y, rgb(0xC8F8FF))
    tiles.append(c)
    # 12 Weeds: grass with picked stems.
    c = grass_tile(121, rgb(0x6A9E48))
    for x in (4, 8, 11):
        c.line(x, 13, x + 1, 8, rgb(0x3F6E2A))
    tiles.append(c)
    # 13 Herb: grass with purple flowers.
    c = grass_tile(131)
    for x, y in ((4, 5), (10, 4), (7, 9), (11, 11), (4, 12)):
        c.line(x, y + 1, x, y + 3, rgb(0x2F7A2A))
        for dx, dy in ((0, -1), (-1, 0), (1, 0), (0, 1)):
            c.set(x + dx, y + dy, rgb(0xB45CD8))
        c.set(x, y, rgb(0xFFE36E))
    tiles.append(c)
    # 14 Ocean: deep blue.
    c = speckled(rgb(0x1C3F8C), 141, 5)
    for y, x0 in ((4, 9), (11, 2)):
        for dx in range(4):
            c.set(x0 + dx, y - (1 if dx in (1, 2) else 0), rgb(0x3E68B8))
    tiles.append(c)
    # 15 Fish: ocean with a fish.
    c = speckled(rgb(0x1C3F8C), 151, 5)
    c.disc(7, 8, 3.0, rgb(0xF09A3E))
    c.rect(3, 8, 4, 8, rgb(0xF09A3E))
    c.line(2, 6, 3, 7, rgb(0xF09A3E))
    c.line(2, 10, 3, 9, rgb(0xF09A3E))
    c.set(9, 7, rgb(0x10101A))
    c.rect(5, 9, 8, 9, rgb(0xFFD29A))
    tiles.append(c)
    return tiles


def sprite(rows, palette):
    c = Canvas(T, T)
    c.pattern(rows, palette)
    c.outline()
    return c


PLAYER = [
    "................",
    "......####......",
    ".....######.....",
    ".....#o##o#.....",
    ".....######.....",
    "......####......",
    "....bbbbbbbb....",
    "...bbbbbbbbbb...",
    "...bb.bbbb.bb...",
    "...ss.bbbb.ss...",
    "......bbbb......",
    "......pp.pp.....",
    "......pp.pp.....",
    "......pp.pp.....",
    ".....ppp.ppp....",
    "................",
]

PASSIVE = [  # a woolly sheep
    "................",
    "................",
    "................",
    "....wwwwww......",
    "...wwwwwwwww....",
    "..wwwwwwwwwwhh..",
    "..wwwwwwwwwhhhh.",
    "..wwwwwwwwwhehh.",
    "..wwwwwwwwwwhh..",
    "...wwwwwwwww....",
    "....l.l..l.l....",
    "....l.l..l.l....",
    "................",
    "................",
    "................",
    "................",
]

NEUTRAL = [  # a boar with tusks
    "................",
    "................",
    "................",
    "................",
    "...bbbbbbbb.....",
    "..bbbbbbbbbbb...",
    ".bbbbbbbbbbbbb..",
    ".bbbbbbbbbbbebb.",
    ".bbbbbbbbbbbbbnn",
    ".bbbbbbbbbbbtbnn",
    "..bbbbbbbbbbt...",
    "...dd.dd..dd....",
    "...dd.dd..dd....",
    "................",
    "................",
    "................",
]

HOSTILE = [  # a horned red demon
    "................",
    "..h..........h..",
    "..hh........hh..",
    "...hrrrrrrrrh...",
    "...rrrrrrrrrr...",
    "...rryyrryyrr...",
    "...rrrrrrrrrr...",
    "....rkkkkkkr....",
    ".....rrrrrr.....",
    "...rrrrrrrrrr...",
    "..rr.rrrrrr.rr..",
    "..c..rrrrrr..c..",
    ".....rr..rr.....",
    ".....rr..rr.....",
    "....rrr..rrr....",
    "................",
]

DEATH = [  # a small gravestone
    "................",
    "................",
    "................",
    "......gggg......",
    ".....gggggg.....",
    "....gggddggg....",
    "....ggddddgg....",
    "....gggddggg....",
    "....gggddggg....",
    "....gggggggg....",
    "....gggggggg....",
    "....gggggggg....",
    "...mmmmmmmmmm...",
    "................",
    "................",
    "................",
]


def entity_sprites():
    white, light = rgb(0xFFFFFF), rgb(0xD4D4D4)
    player = sprite(PLAYER, {"#": rgb(0xF1C9A0), "o": OUTLINE, "b": white, "s": rgb(0xF1C9A0), "p": light})
    passive = sprite(PASSIVE, {"w": rgb(0xF2F0E6), "h": rgb(0x3A3A3A), "e": rgb(0xFFFFFF), "l": rgb(0x3A3A3A)})
    neutral = sprite(NEUTRAL, {"b": rgb(0x8A5A34), "e": rgb(0x101010), "n": rgb(0xD99A8A), "t": rgb(0xF4F0DC), "d": rgb(0x5A3A20)})
    hostile = sprite(HOSTILE, {"h": rgb(0xE8E0C8), "r": rgb(0xC8302C), "y": rgb(0xFFE14A), "k": rgb(0x3A0A0A), "c": rgb(0xE8E0C8)})
    death = sprite(DEATH, {"g": rgb(0xA8A8B0), "d": rgb(0x5A5A66), "m": rgb(0x6B4A2B)})
    return [player, passive, neutral, hostile, death]


def item_icons():
    icons = []
    leather, cloth, metal, wood = rgb(0x9A6A3A), rgb(0x4F7FC8), rgb(0xC8CCD6), rgb(0x8A5A2B)

    def new():
        return Canvas(T, T)

    c = new()  # Hat
    c.rect(4, 5, 11, 9, cloth); c.rect(2, 10, 13, 11, cloth); c.rect(4, 9, 11, 9, rgb(0xE8C04A)); icons.append(c)
    c = new()  # Top
    c.rect(4, 3, 11, 13, cloth); c.rect(1, 3, 3, 8, cloth); c.rect(12, 3, 14, 8, cloth); c.rect(6, 3, 9, 4, rgb(0x2A4A80)); icons.append(c)
    c = new()  # Bottom
    c.rect(4, 2, 11, 5, leather); c.rect(4, 6, 7, 14, leather); c.rect(8, 6, 11, 14, leather); c.line(8, 6, 8, 14, rgb(0x6A4522)); icons.append(c)
    c = new()  # Spear
    c.line(3, 13, 11, 5, wood); c.pattern(["..m", ".mm", "mmm"], {"m": metal}, 11, 2); c.set(13, 2, rgb(0xFFFFFF)); icons.append(c)
    c = new()  # Bow
    for y in range(2, 14):
        x = 5 + round(4 * (1 - ((y - 7.5) / 6) ** 2))
        c.set(x, y, wood); c.set(x + 1, y, wood)
    c.line(5, 2, 5, 13, rgb(0xE8E8E8)); icons.append(c)
    c = new()  # Wand
    c.line(3, 13, 10, 6, wood); c.disc(11.5, 4.5, 2.2, rgb(0xB06CF0)); c.set(11, 4, rgb(0xF0D8FF)); icons.append(c)
    c = new()  # Rod
    c.line(2, 14, 12, 2, wood); c.line(12, 2, 13, 9, rgb(0xDDDDDD)); c.rect(12, 10, 14, 11, rgb(0xD83A3A)); icons.append(c)
    c = new()  # Gloves
    c.rect(3, 6, 7, 13, leather); c.rect(3, 3, 3, 6, leather); c.rect(5, 2, 5, 6, leather); c.rect(7, 3, 7, 6, leather)
    c.rect(9, 6, 13, 13, leather); c.rect(9, 3, 9, 6, leather); c.rect(11, 2, 11, 6, leather); c.rect(13, 3, 13, 6, leather); icons.append(c)
    c = new()  # Pickaxe
    c.line(4, 13, 10, 5, wood); c.pattern(["mmm.....", "...mmm..", ".....mm.", "......mm", ".......m"], {"m": metal}, 5, 2); icons.append(c)
    c = new()  # Axe
    c.line(4, 13, 10, 4, wood); c.disc(11, 5, 3.2, metal); c.set(12, 4, rgb(0xFFFFFF)); icons.append(c)
    c = new()  # Chisel
    c.rect(6, 2, 9, 7, wood); c.rect(7, 8, 8, 12, metal); c.rect(6, 13, 9, 13, metal); icons.append(c)
    c = new()  # Whetstone
    c.rect(2, 7, 13, 11, rgb(0x8C8C94)); c.rect(3, 6, 12, 6, rgb(0xB0B0B8)); c.rect(2, 12, 13, 12, rgb(0x5A5A62)); icons.append(c)
    c = new()  # Arrow
    c.line(3, 12, 11, 4, wood); c.pattern(["mm", "mmm", ".m"], {"m": metal}, 11, 2); c.line(2, 11, 4, 13, rgb(0xE8E8E8)); c.line(3, 11, 4, 12, rgb(0xE8E8E8)); icons.append(c)
    c = new()  # Runes
    c.disc(7.5, 7.5, 5.6, rgb(0x6A6A78)); c.line(6, 4, 6, 11, rgb(0x8FF0FF)); c.line(6, 4, 9, 7, rgb(0x8FF0FF)); c.line(9, 7, 6, 9, rgb(0x8FF0FF)); icons.append(c)
    c = new()  # Ration
    c.rect(2, 6, 13, 12, rgb(0xD8B070)); c.rect(2, 6, 13, 7, rgb(0xB08040)); c.rect(5, 9, 10, 10, rgb(0x8A5A2B)); icons.append(c)
    c = new()  # Potion
    c.disc(7.5, 9.5, 4.4, rgb(0xE0404A)); c.rect(6, 2, 9, 5, rgb(0xD8E8F0)); c.rect(6, 1, 9, 1, wood); c.set(6, 8, rgb(0xFFB0B8)); icons.append(c)
    for icon in icons:
        icon.outline()
    return icons


# GridMMO's own bitmap font, drawn for GridMMO (not taken from any existing font): printable ASCII
# 32...126 in bands of eight glyphs, each glyph 5 columns by 7 rows, '#' lit and '.' clear. House
# style: squared bowls and corners with flat terminals, a slashed zero, an open 4, single-storey g,
# capitals and digits 7 rows tall, lowercase 5 rows tall (rows 2-6); g j p q y keep to the 7-row
# box with 4-row bowls and a hooked or straight 1-row descender.
GLYPH_BANDS = [
    (' !"#$%&\'', """
        ..... ..#.. .#.#. .#.#. ..#.. ##..# .##.. ..#..
        ..... ..#.. .#.#. ##### ##### ##..# #..#. ..#..
        ..... ..#.. ..... .#.#. #.#.. ...#. .##.. .....
        ..... ..#.. ..... .#.#. ##### ..#.. ##... .....
        ..... ..#.. ..... .#.#. ..#.# .#... #.#.# .....
        ..... ..... ..... ##### ##### #..## #..#. .....
        ..... ..#.. ..... .#.#. ..#.. #..## .##.# .....
        """),
    ('()*+,-./', """
        ...#. .#... ..... ..... ..... ..... ..... ....#
        ..#.. ..#.. #.#.# ..#.. ..... ..... ..... ....#
        ..#.. ..#.. .###. ..#.. ..... ..... ..... ...#.
        ..#.. ..#.. ##### ##### ..... .###. ..... ..#..
        ..#.. ..#.. .###. ..#.. ..##. ..... ..... .#...
        ..#.. ..#.. #.#.# ..#.. ...#. ..... ..... #....
        ...#. .#... ..... ..... ..#.. ..... ..#.. #....
        """),
    ('01234567', """
        ##### .##.. ##### ##### #..#. ##### ##### #####
        #...# #.#.. ....# ....# #..#. #.... #.... ....#
        #..## ..#.. ....# ....# #..#. #.... #.... ....#
        #.#.# ..#.. ##### .#### ##### ####. ##### ...#.
        ##..# ..#.. #.... ....# ...#. ....# #...# ..#..
        #...# ..#.. #.... ....# ...#. ....# #...# ..#..
        ##### ##### ##### ##### ...#. ####. ##### ..#..
        """),
    ('89:;<=>?', """
        ##### ##### ..... ..... ....# ..... #.... #####
        #...# #...# ..... ..... ...#. ..... .#... ....#
        #...# #...# ..#.. ..#.. ..#.. ##### ..#.. ....#
        .###. ##### ..... ..... .#... ..... ...#. ..###
        #...# ....# ..... ..##. ..#.. ##### ..#.. ..#..
        #...# ....# ..#.. ...#. ...#. ..... .#... .....
        ##### ##### ..... ..#.. ....# ..... #.... ..#..
        """),
    ('@ABCDEFG', """
        ##### .###. ####. ##### ####. ##### ##### #####
        #...# #...# #..#. #...# #...# #.... #.... #....
        #.### #...# #..#. #.... #...# #.... #.... #....
        #.#.# ##### ##### #.... #...# ###.. ###.. #.###
        #.### #...# #...# #.... #...# #.... #.... #...#
        #.... #...# #...# #...# #...# #.... #.... #...#
        ##### #...# ##### ##### ####. ##### #.... #####
        """),
    ('HIJKLMNO', """
        #...# .###. ..### #...# #.... ##### #...# #####
        #...# ..#.. ....# #...# #.... #.#.# ##..# #...#
        #...# ..#.. ....# #..#. #.... #.#.# #.#.# #...#
        ##### ..#.. ....# ###.. #.... #.#.# #..## #...#
        #...# ..#.. ....# #..#. #.... #...# #...# #...#
        #...# ..#.. #...# #...# #.... #...# #...# #...#
        #...# .###. ##### #...# ##### #...# #...# #####
        """),
    ('PQRSTUVW', """
        ##### ##### ##### .#### ##### #...# #...# #...#
        #...# #...# #...# #.... ..#.. #...# #...# #...#
        #...# #...# #...# #.... ..#.. #...# #...# #...#
        ##### #...# ##### ##### ..#.. #...# #...# #.#.#
        #.... #.#.# #.#.. ....# ..#.. #...# .#.#. #.#.#
        #.... #..#. #..#. ....# ..#.. #...# .#.#. #.#.#
        #.... ##.## #...# ####. ..#.. ##### ..#.. ##.##
        """),
    ('XYZ[\\]^_', """
        #...# #...# ##### ..##. #.... .##.. ..#.. .....
        #...# #...# ....# ..#.. #.... ..#.. .###. .....
        .#.#. .#.#. ...#. ..#.. .#... ..#.. #...# .....
        ..#.. ..#.. .###. ..#.. ..#.. ..#.. ..... .....
        .#.#. ..#.. .#... ..#.. ...#. ..#.. ..... .....
        #...# ..#.. #.... ..#.. ....# ..#.. ..... .....
        #...# ..#.. ##### ..##. ....# .##.. ..... #####
        """),
    ('`abcdefg', """
        .#... ..... #.... ..... ....# ..... ..### .....
        ..#.. ..... #.... ..... ....# ..... ..#.. .....
        ..... ####. ##### ##### ##### ##### ####. .####
        ..... ....# #...# #.... #...# #...# ..#.. #...#
        ..... ##### #...# #.... #...# ##### ..#.. #...#
        ..... #...# #...# #.... #...# #.... ..#.. .####
        ..... ##### ##### ##### ##### ##### ..#.. ####.
        """),
    ('hijklmno', """
        #.... ..#.. ...#. #.... .##.. ..... ..... .....
        #.... ..... ..... #.... ..#.. ..... ..... .....
        ##### .##.. ..##. #...# ..#.. ##### ##### #####
        #...# ..#.. ...#. #..#. ..#.. #.#.# #...# #...#
        #...# ..#.. ...#. ####. ..#.. #.#.# #...# #...#
        #...# ..#.. ...#. #...# ..#.. #.#.# #...# #...#
        #...# ..##. ###.. #...# ..##. #.#.# #...# #####
        """),
    ('pqrstuvw', """
        ..... ..... ..... ..... ..#.. ..... ..... .....
        ..... ..... ..... ..... ..#.. ..... ..... .....
        ####. .#### #.### ##### ##### #...# #...# #.#.#
        #...# #...# ##... #.... ..#.. #...# #...# #.#.#
        #...# #...# #.... ##### ..#.. #...# .#.#. #.#.#
        ####. .#### #.... ....# ..#.. #...# .#.#. #.#.#
        #.... ....# #.... ##### ..### ##### ..#.. #####
        """),
    ('xyz{|}~', """
        ..... ..... ..... ...## ..#.. ##... .....
        ..... ..... ..... ..#.. ..#.. ..#.. .....
        #...# #...# ##### ..#.. ..#.. ..#.. .#...
        .#.#. #...# ...#. .#... ..#.. ...#. #.#.#
        ..#.. #...# .###. ..#.. ..#.. ..#.. ...#.
        .#.#. .#### .#... ..#.. ..#.. ..#.. .....
        #...# ####. ##### ...## ..#.. ##... .....
        """),
]


def font_glyphs():
    """The rows of every glyph, keyed by character, checked to cover 32...126 in the 5x7 box."""
    glyphs = {}
    for characters, art in GLYPH_BANDS:
        lines = [line.split() for line in art.splitlines() if line.strip()]
        assert len(lines) == 7, characters
        for i, character in enumerate(characters):
            rows = [line[i] for line in lines]
            assert all(len(row) == 5 and set(row) <= {"#", "."} for row in rows), character
            glyphs[character] = rows
    assert sorted(glyphs) == [chr(code) for code in range(32, 127)]
    return glyphs


def font_canvas():
    c = Canvas(32 * GLYPH_W, 3 * GLYPH_H)
    white = rgb(0xFFFFFF)
    for character, rows in font_glyphs().items():
        index = ord(character) - 32
        c.pattern(rows, {"#": white}, (index % 32) * GLYPH_W, (index // 32) * GLYPH_H)
    return c


def png_bytes(canvas):
    raw = bytearray()
    for y in range(canvas.h):
        raw.append(0)
        for x in range(canvas.w):
            raw.extend(canvas.get(x, y))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", canvas.w, canvas.h, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b"")


def write(path, data):
    temporary = path + ".tmp"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)


def strip(cells):
    c = Canvas(T * len(cells), T)
    for i, cell in enumerate(cells):
        c.blit(cell, i * T, 0)
    return c


def scaled(canvas, factor, background=None):
    c = Canvas(canvas.w * factor, canvas.h * factor)
    for y in range(c.h):
        for x in range(c.w):
            p = canvas.get(x // factor, y // factor)
            c.set(x, y, p if background is None or p[3] else background)
    return c


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    tiles, sprites, items, font = material_tiles(), entity_sprites(), item_icons(), font_canvas()
    atlas = Canvas(ATLAS_W, ATLAS_H)
    atlas.blit(strip(tiles), 0, 0)
    atlas.blit(strip(sprites), 0, T)
    atlas.blit(strip(items), 0, 2 * T)
    atlas.blit(font, 0, FONT_Y)

    assets = os.path.join(root, "assets")
    os.makedirs(assets, exist_ok=True)
    write(os.path.join(assets, "atlas.png"), png_bytes(atlas))
    write(os.path.join(assets, "tiles.png"), png_bytes(scaled(strip(tiles), 4)))
    write(os.path.join(assets, "sprites.png"), png_bytes(scaled(strip(sprites), 4, rgb(0x5DA040))))
    write(os.path.join(assets, "items.png"), png_bytes(scaled(strip(items), 4, rgb(0x30303C))))
    write(os.path.join(assets, "font.png"), png_bytes(scaled(font, 4, rgb(0x30303C))))

    encoded = base64.b64encode(png_bytes(atlas)).decode("ascii")
    lines = [encoded[i:i + 120] for i in range(0, len(encoded), 120)]
    source = (
        "// Generated by scripts/make_assets.py from the art it draws; do not edit by hand.\n\n"
        "/// The viewer's art atlas as PNG file bytes, base64-encoded, so the viewer finds its art\n"
        "/// wherever it runs. `assets/atlas.png` is the same file.\n"
        "enum ArtAtlasPNG {\n"
        "    static let base64 = \"\"\"\n"
        + "\n".join("        " + line for line in lines)
        + "\n        \"\"\"\n}\n"
    )
    art = os.path.join(root, "Sources", "MMOViewer", "Art")
    os.makedirs(art, exist_ok=True)
    write(os.path.join(art, "ArtAtlasPNG.swift"), source.encode("ascii"))


if __name__ == "__main__":
    main()
