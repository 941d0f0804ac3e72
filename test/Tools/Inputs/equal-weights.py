#!/usr/bin/env python3
"""Writes a MIL program (MLIR) with three 1 MiB fp16 weights for the
const-deduplication test of weights read from a file: `a` and `b` are equal,
`c` equals `a` but for one element that the sampled lookup key does not
read, so only a comparison of all the bytes tells it apart.

Usage: equal-weights.py OUT.mlir
"""
import struct
import sys

ROWS, COLS = 1024, 512


def main():
    count = ROWS * COLS
    # Small finite fp16 values: exponent bits 0x2000..0x23FF.
    a = bytearray(struct.pack("<%dH" % count,
                              *(0x2000 | (i * 2654435761 >> 7) & 0x3FF
                                for i in range(count))))
    c = bytearray(a)
    # Halfway between the first two 256-byte samples of the key.
    step = (2 * count - 256) // 31
    c[step // 2] ^= 1
    hexes = {"wa": a.hex().upper(), "wb": a.hex().upper(),
             "wc": c.hex().upper()}
    t = f"tensor<{ROWS}x{COLS}xf16>"
    text = 'module attributes {mil.default_function = "main"} {\n'
    text += f'  mil.function @main(%x: {t}) -> ({t}, {t}, {t}) attributes {{opset = "CoreML8", input_names = ["x"]}} {{\n'
    for name in "abc":
        text += f'    %{name} = mil.const dense_resource<w{name}> : {t} {{name = "{name}"}}\n'
    for name in "abc":
        text += f'    %y{name} = mil.add x(%x) y(%{name}) {{name = "y{name}"}} : ({t}, {t}) -> {t}\n'
    text += f"    mil.return %ya, %yb, %yc : {t}, {t}, {t}\n  }}\n}}\n"
    text += "{-#\n  dialect_resources: {\n    builtin: {\n"
    text += ",\n".join(f'      {k}: "0x02000000{v}"' for k, v in hexes.items())
    text += "\n    }\n  }\n#-}\n"
    with open(sys.argv[1], "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
