"""Prints the fields of a weight.bin that Core ML does not read for
byte-sized data (header and record reserved words, and their padding), one
line per blob: all must be zero in what we write."""

import struct
import sys

data = open(sys.argv[1], "rb").read()
count = struct.unpack_from("<I", data, 0)[0]
print("header reserved", "zero" if not any(data[8:64]) else "SET")
offset = 64
for _ in range(count):
    _, dtype, size, data_offset, padding = struct.unpack_from("<IIQQQ", data,
                                                               offset)
    reserved = data[offset + 32:offset + 64]
    print("blob at %d: type %d, padding %d, reserved %s" % (
        offset, dtype, padding, "zero" if not any(reserved) else "SET"))
    offset = (data_offset + size + 63) // 64 * 64
