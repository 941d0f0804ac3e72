#!/usr/bin/env python3
"""ResNet-18-shaped programs for bench/interpreter.sh (not run by tests).

  resnet18.py mlir OUT.mlir [SIZE]   a MIL program (fp32, BatchNorm folded
                                     into the convs as coremltools does;
                                     splat weights: the time does not depend
                                     on their values)
  resnet18.py torch THREADS REPEAT [SIZE]
                                     PyTorch eager CPU ms per call of the
                                     same network (fastest call after a warm-up)
"""
import sys

STAGES = [(64, 1), (128, 2), (256, 2), (512, 2)]


def mlir(out, size):
    lines, n = [], [0]

    def name(p):
        n[0] += 1
        return f"{p}_{n[0]}"

    def const(value, typ):
        v = name("c")
        lines.append(f'    %{v} = mil.const {value} : {typ} {{name = "{v}"}}')
        return v

    def ints(vals):
        return const("dense<[" + ", ".join(map(str, vals)) + "]>", f"tensor<{len(vals)}xi32>")

    def t(shape):
        return "tensor<" + "x".join(map(str, shape)) + "xf32>"

    def conv(x, shape, cout, k, s, relu):
        cin, h, w = shape[1], shape[2], shape[3]
        p = k // 2
        oh, ow = (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1
        wt = const(f"dense<{1.0 / (cin * k * k):.6e}>", t([cout, cin, k, k]))
        b = const("dense<0.0>", t([cout]))
        st, pd, dl = ints([s, s]), ints([p, p, p, p]), ints([1, 1])
        pt = const('dense<"custom">', "tensor<!mil.string>")
        g = const("dense<1>", "tensor<i32>")
        y = name("conv")
        out_shape = [1, cout, oh, ow]
        lines.append(
            f'    %{y} = mil.conv x(%{x}) weight(%{wt}) bias(%{b}) strides(%{st}) pad_type(%{pt}) '
            f'pad(%{pd}) dilations(%{dl}) groups(%{g}) {{name = "{y}"}} : ({t(shape)}, {t([cout, cin, k, k])}, '
            f'{t([cout])}, tensor<2xi32>, tensor<!mil.string>, tensor<4xi32>, tensor<2xi32>, tensor<i32>) -> {t(out_shape)}')
        if relu:
            r = name("relu")
            lines.append(f'    %{r} = mil.relu x(%{y}) {{name = "{r}"}} : ({t(out_shape)}) -> {t(out_shape)}')
            y = r
        return y, out_shape

    lines.append("module {")
    lines.append(f'  mil.function @main(%x: {t([1, 3, size, size])}) -> tensor<1x1000xf32> '
                 f'attributes {{opset = "CoreML7", input_names = ["x"]}} {{')
    x, shape = conv("x", [1, 3, size, size], 64, 7, 2, True)
    # 3x3 max pool, stride 2, pad 1.
    ks, st, pd = ints([3, 3]), ints([2, 2]), ints([1, 1, 1, 1])
    pt = const('dense<"custom">', "tensor<!mil.string>")
    cm = const("dense<false>", "tensor<i1>")
    pshape = [1, 64, (shape[2] - 1) // 2 + 1, (shape[3] - 1) // 2 + 1]
    y = name("pool")
    lines.append(f'    %{y} = mil.max_pool x(%{x}) kernel_sizes(%{ks}) strides(%{st}) pad_type(%{pt}) pad(%{pd}) '
                 f'ceil_mode(%{cm}) {{name = "{y}"}} : ({t(shape)}, tensor<2xi32>, tensor<2xi32>, tensor<!mil.string>, '
                 f'tensor<4xi32>, tensor<i1>) -> {t(pshape)}')
    x, shape = y, pshape
    for cout, stride in STAGES:
        for block in range(2):
            s = stride if block == 0 else 1
            a, ashape = conv(x, shape, cout, 3, s, True)
            b, bshape = conv(a, ashape, cout, 3, 1, False)
            if s != 1 or shape[1] != cout:
                x, shape = conv(x, shape, cout, 1, s, False)
            z = name("add")
            lines.append(f'    %{z} = mil.add x(%{b}) y(%{x}) {{name = "{z}"}} : ({t(bshape)}, {t(bshape)}) -> {t(bshape)}')
            r = name("relu")
            lines.append(f'    %{r} = mil.relu x(%{z}) {{name = "{r}"}} : ({t(bshape)}) -> {t(bshape)}')
            x, shape = r, bshape
    axes = ints([2, 3])
    kd = const("dense<false>", "tensor<i1>")
    m = name("mean")
    lines.append(f'    %{m} = mil.reduce_mean x(%{x}) axes(%{axes}) keep_dims(%{kd}) {{name = "{m}"}} : '
                 f'({t(shape)}, tensor<2xi32>, tensor<i1>) -> {t([1, 512])}')
    wt = const("dense<0.01>", t([1000, 512]))
    b = const("dense<0.0>", t([1000]))
    lines.append(f'    %logits = mil.linear x(%{m}) weight(%{wt}) bias(%{b}) {{name = "logits"}} : '
                 f'({t([1, 512])}, {t([1000, 512])}, {t([1000])}) -> tensor<1x1000xf32>')
    lines.append("    mil.return %logits : tensor<1x1000xf32>")
    lines.append("  }")
    lines.append("}")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


def torch_ms(threads, repeat, size):
    import time
    import torch
    from torch import nn

    torch.set_num_threads(threads)

    class Block(nn.Module):
        def __init__(self, cin, cout, s):
            super().__init__()
            self.a = nn.Conv2d(cin, cout, 3, s, 1)
            self.b = nn.Conv2d(cout, cout, 3, 1, 1)
            self.down = nn.Conv2d(cin, cout, 1, s) if s != 1 or cin != cout else None

        def forward(self, x):
            y = self.b(torch.relu(self.a(x)))
            return torch.relu(y + (self.down(x) if self.down is not None else x))

    layers, cin = [nn.Conv2d(3, 64, 7, 2, 3), nn.ReLU(), nn.MaxPool2d(3, 2, 1)], 64
    for cout, s in STAGES:
        layers += [Block(cin, cout, s), Block(cout, cout, 1)]
        cin = cout
    net = nn.Sequential(*layers).eval()
    fc = nn.Linear(512, 1000).eval()
    x = torch.randn(1, 3, size, size)
    times = []
    with torch.no_grad():
        for i in range(repeat + 1):
            start = time.perf_counter()
            fc(net(x).mean(dim=(2, 3)))
            if i:
                times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"{times[0]:.3f}")


if __name__ == "__main__":
    if sys.argv[1] == "mlir":
        mlir(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 224)
    else:
        torch_ms(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 224)
