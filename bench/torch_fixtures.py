#!/usr/bin/env python3
"""PyTorch eager CPU time of the networks behind shared/fixtures/torch, for
bench/interpreter.sh (not run by tests).

  torch_fixtures.py FIXTURES_DIR THREADS REPEAT [NAME...]

prints one line per fixture: NAME MS PARAMS_OK, MS the fastest of REPEAT
no_grad forwards after two warm-ups. torchvision is not a Debian package, so
the networks are written here in plain torch.nn after the fixtures'
meta.json (`source`): same layers, shapes and parameter counts (checked
against meta.json's `params`: PARAMS_OK), random weights (the time does not
depend on their values). Inputs are the fixture's inputs.npz.
"""
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def conv_bn(cin, cout, k, s=1, groups=1, act=None):
    layers = [nn.Conv2d(cin, cout, k, s, (k - 1) // 2, groups=groups, bias=False),
              nn.BatchNorm2d(cout)]
    if act is not None:
        layers.append(act())
    return nn.Sequential(*layers)


# --- torchvision architectures (0.14), written out ------------------------


def make_divisible(v, divisor=8):
    new_v = max(divisor, int(v + divisor / 2) // divisor * divisor)
    return new_v + divisor if new_v < 0.9 * v else new_v


class SqueezeExcitation(nn.Module):
    def __init__(self, c, squeeze):
        super().__init__()
        self.fc1 = nn.Conv2d(c, squeeze, 1)
        self.fc2 = nn.Conv2d(squeeze, c, 1)

    def forward(self, x):
        s = F.adaptive_avg_pool2d(x, 1)
        s = F.hardsigmoid(self.fc2(F.relu(self.fc1(s))))
        return s * x


class MobileBlock(nn.Module):
    def __init__(self, cin, k, cexp, cout, se, act, stride):
        super().__init__()
        act = nn.Hardswish if act == "HS" else nn.ReLU
        layers = []
        if cexp != cin:
            layers.append(conv_bn(cin, cexp, 1, act=act))
        layers.append(conv_bn(cexp, cexp, k, stride, groups=cexp, act=act))
        if se:
            layers.append(SqueezeExcitation(cexp, make_divisible(cexp // 4)))
        layers.append(conv_bn(cexp, cout, 1))
        self.block = nn.Sequential(*layers)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        y = self.block(x)
        return y + x if self.residual else y


def mobilenet_v3_small():
    cfg = [(16, 3, 16, 16, True, "RE", 2), (16, 3, 72, 24, False, "RE", 2),
           (24, 3, 88, 24, False, "RE", 1), (24, 5, 96, 40, True, "HS", 2),
           (40, 5, 240, 40, True, "HS", 1), (40, 5, 240, 40, True, "HS", 1),
           (40, 5, 120, 48, True, "HS", 1), (48, 5, 144, 48, True, "HS", 1),
           (48, 5, 288, 96, True, "HS", 2), (96, 5, 576, 96, True, "HS", 1),
           (96, 5, 576, 96, True, "HS", 1)]
    return nn.Sequential(
        conv_bn(3, 16, 3, 2, act=nn.Hardswish),
        *[MobileBlock(*c) for c in cfg],
        conv_bn(96, 576, 1, act=nn.Hardswish),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        nn.Linear(576, 1024), nn.Hardswish(), nn.Dropout(0.2),
        nn.Linear(1024, 1000))


class ShuffleBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        bf = cout // 2
        self.stride = stride
        if stride > 1:
            self.branch1 = nn.Sequential(conv_bn(cin, cin, 3, stride, groups=cin),
                                         conv_bn(cin, bf, 1, act=nn.ReLU))
        self.branch2 = nn.Sequential(
            conv_bn(cin if stride > 1 else bf, bf, 1, act=nn.ReLU),
            conv_bn(bf, bf, 3, stride, groups=bf), conv_bn(bf, bf, 1, act=nn.ReLU))

    def forward(self, x):
        if self.stride == 1:
            x1, x2 = x.chunk(2, dim=1)
            out = torch.cat((x1, self.branch2(x2)), dim=1)
        else:
            out = torch.cat((self.branch1(x), self.branch2(x)), dim=1)
        b, c, h, w = out.shape
        return out.view(b, 2, c // 2, h, w).transpose(1, 2).reshape(b, c, h, w)


class ShuffleNetV2(nn.Module):
    def __init__(self, repeats=(4, 8, 4), channels=(24, 48, 96, 192, 1024)):
        super().__init__()
        self.conv1 = conv_bn(3, channels[0], 3, 2, act=nn.ReLU)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        stages, cin = [], channels[0]
        for n, cout in zip(repeats, channels[1:4]):
            stages += [ShuffleBlock(cin, cout, 2)] + [ShuffleBlock(cout, cout, 1) for _ in range(n - 1)]
            cin = cout
        self.stages = nn.Sequential(*stages)
        self.conv5 = conv_bn(cin, channels[4], 1, act=nn.ReLU)
        self.fc = nn.Linear(channels[4], 1000)

    def forward(self, x):
        x = self.conv5(self.stages(self.maxpool(self.conv1(x))))
        return self.fc(x.mean([2, 3]))


class Fire(nn.Module):
    def __init__(self, cin, squeeze, e1, e3):
        super().__init__()
        self.squeeze = nn.Conv2d(cin, squeeze, 1)
        self.e1 = nn.Conv2d(squeeze, e1, 1)
        self.e3 = nn.Conv2d(squeeze, e3, 3, padding=1)

    def forward(self, x):
        x = F.relu(self.squeeze(x))
        return torch.cat([F.relu(self.e1(x)), F.relu(self.e3(x))], 1)


def squeezenet1_1():
    pool = lambda: nn.MaxPool2d(3, 2, ceil_mode=True)
    return nn.Sequential(
        nn.Conv2d(3, 64, 3, 2), nn.ReLU(), pool(), Fire(64, 16, 64, 64),
        Fire(128, 16, 64, 64), pool(), Fire(128, 32, 128, 128),
        Fire(256, 32, 128, 128), pool(), Fire(256, 48, 192, 192),
        Fire(384, 48, 192, 192), Fire(384, 64, 256, 256),
        Fire(512, 64, 256, 256), nn.Dropout(0.5), nn.Conv2d(512, 1000, 1),
        nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())


class EncoderBlock(nn.Module):
    """torchvision.models.vision_transformer.EncoderBlock."""

    def __init__(self, heads, dim, mlp):
        super().__init__()
        self.ln_1 = nn.LayerNorm(dim, eps=1e-6)
        self.self_attention = nn.MultiheadAttention(dim, heads, batch_first=True)
        self.ln_2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = nn.Sequential(nn.Linear(dim, mlp), nn.GELU(), nn.Linear(mlp, dim))

    def forward(self, x):
        y = self.ln_1(x)
        y, _ = self.self_attention(y, y, y, need_weights=False)
        x = x + y
        return x + self.mlp(self.ln_2(x))


class VisionTransformer(nn.Module):
    def __init__(self, image=32, patch=8, layers=2, heads=2, dim=64, mlp=128, classes=10):
        super().__init__()
        self.patch = patch
        self.conv_proj = nn.Conv2d(3, dim, patch, patch)
        self.class_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos = nn.Parameter(torch.randn(1, (image // patch) ** 2 + 1, dim) * 0.02)
        self.layers = nn.Sequential(*[EncoderBlock(heads, dim, mlp) for _ in range(layers)])
        self.ln = nn.LayerNorm(dim, eps=1e-6)
        self.head = nn.Linear(dim, classes)

    def forward(self, x):
        x = self.conv_proj(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.class_token.expand(x.shape[0], -1, -1), x], dim=1)
        x = self.ln(self.layers(x + self.pos))
        return self.head(x[:, 0])


# --- the hand-written fixture modules (meta.json `source`) -----------------


class FlexConv(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 16, 3, padding=1)
        self.bn = nn.BatchNorm2d(16)
        self.c2 = nn.Conv2d(16, 32, 3, 2, 1)
        self.c3 = nn.Conv2d(32, 8, 1)
        self.fc = nn.Linear(8, 10)

    def forward(self, x):
        f = self.c3(F.relu(self.c2(F.relu(self.bn(self.c1(x))))))
        return f, self.fc(f.mean([2, 3]))


class ImageConv(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 8, 3, padding=1)
        self.c2 = nn.Conv2d(8, 16, 3, padding=1)
        self.fc = nn.Linear(16, 5)

    def forward(self, image):
        c1 = self.c1(image * (1 / 255))
        x = F.relu(self.c2(F.max_pool2d(F.relu(c1), 2)))
        return self.fc(x.mean([2, 3])), c1


class LstmTagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(100, 32)
        self.lstm = nn.LSTM(32, 32, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(64, 8)

    def forward(self, tokens):
        return self.fc(self.lstm(self.emb(tokens.long()))[0])


class GruRegressor(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(16, 32, 2, batch_first=True)
        self.fc = nn.Linear(32, 4)

    def forward(self, x):
        out, h = self.gru(x)
        return self.fc(out[:, -1]), h


class GptBlock(nn.Module):
    def __init__(self, dim=64, heads=4, ctx=16):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.ln2 = nn.LayerNorm(dim)
        self.fc = nn.Linear(dim, 4 * dim)
        self.fc2 = nn.Linear(4 * dim, dim)
        self.register_buffer("mask", torch.tril(torch.ones(ctx, ctx)).view(1, 1, ctx, ctx))

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(c, dim=2)
        q, k, v = (z.view(b, t, self.heads, c // self.heads).transpose(1, 2) for z in (q, k, v))
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(c // self.heads))
        att = att.masked_fill(self.mask[:, :, :t, :t] == 0, float("-inf")).softmax(-1)
        x = x + self.proj((att @ v).transpose(1, 2).reshape(b, t, c))
        return x + self.fc2(F.gelu(self.fc(self.ln2(x))))


class GptTiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.tok = nn.Embedding(256, 64)
        self.pos = nn.Parameter(torch.randn(1, 16, 64) * 0.02)
        self.blocks = nn.Sequential(GptBlock(), GptBlock())
        self.ln = nn.LayerNorm(64)

    def forward(self, tokens):
        x = self.tok(tokens.long()) + self.pos[:, :tokens.shape[1]]
        return F.linear(self.ln(self.blocks(x)), self.tok.weight)


class StatefulCache(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(6, 4)
        self.b = nn.Linear(32, 5)
        self.register_buffer("cache", torch.zeros(1, 4, 8))

    def forward(self, x, pos):
        p = int(pos[0])
        self.cache[:, :, p:p + 2] = self.a(x).transpose(1, 2)
        return torch.tanh(self.b(self.cache.flatten(1))), self.cache


class UNetSmall(nn.Module):
    def __init__(self):
        super().__init__()
        block = lambda cin, cout: nn.Sequential(conv_bn(cin, cout, 3, act=nn.ReLU),
                                                conv_bn(cout, cout, 3, act=nn.ReLU))
        self.enc1, self.enc2, self.mid = block(3, 16), block(16, 32), block(32, 64)
        self.up2 = nn.ConvTranspose2d(64, 32, 2, 2)
        self.dec2 = conv_bn(64, 32, 3, act=nn.ReLU)
        self.red1 = nn.Conv2d(32, 16, 1)
        self.dec1 = conv_bn(32, 16, 3, act=nn.ReLU)
        self.head = nn.Conv2d(16, 2, 1)
        self.side = nn.Conv2d(64, 2, 1)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(F.max_pool2d(e1, 2))
        m = self.mid(F.max_pool2d(e2, 2))
        d2 = self.dec2(torch.cat([self.up2(m), e2], 1))
        d1 = self.red1(F.interpolate(d2, scale_factor=2, mode="nearest"))
        d1 = self.head(self.dec1(torch.cat([d1, e1], 1)))
        side = F.interpolate(self.side(m), scale_factor=4, mode="bilinear", align_corners=False)
        return torch.sigmoid(d1 + side)


class OpsCoverage(nn.Module):
    """The ~55 ops of the fixture, one output each, on its input shapes."""

    def __init__(self):
        super().__init__()
        self.inorm = nn.InstanceNorm2d(8, affine=True)
        self.gnorm = nn.GroupNorm(4, 8)
        self.register_buffer("gidx", torch.randint(0, 8, (2, 8, 8, 4)))
        self.register_buffer("sel", torch.tensor([0, 2, 4, 6]))

    def forward(self, x, y, a, b, c, d):
        o = [x.abs(), torch.exp(x * 0.5), torch.log(x.abs() + 1), torch.sqrt(y.abs()),
             torch.rsqrt(x.abs() + 1), torch.sin(x), torch.cos(y), torch.tanh(x),
             torch.sigmoid(y), torch.erf(x), x.clamp(-0.5, 0.5), torch.floor(x * 3),
             torch.round(y * 3), torch.maximum(x, y), torch.minimum(x, y),
             torch.pow(x.abs() + 1, y), torch.pow(y.abs() + 1, 2.5),
             torch.where(x > y, x, y * 2), torch.cumsum(x, 1), torch.topk(y, 3)[0],
             torch.argmax(x, 1).float(), x.mean((2, 3)), y.sum(1, keepdim=True),
             x.amax(1), y.amin(1), torch.prod(x * 0.1 + 1, 1), torch.norm(y, dim=1),
             F.pad(x, (1, 2, 1, 2), mode="reflect"), F.pad(y, (1, 1, 1, 1), value=0.5),
             x.permute(0, 2, 1, 3), y.reshape(2, 16, 32), x[:, ::2, 1:7:2, ::3],
             torch.gather(y, 3, self.gidx), x.index_select(1, self.sel),
             torch.cat([x, y], 1), torch.stack([x, y], 2), *x.split([3, 5], 1),
             *y.chunk(2, 2), a[:, :1].expand(2, 4, 6), a.repeat(1, 2, 3), a @ b,
             torch.einsum("bij,bjk->bik", c, d), F.softplus(x), F.hardswish(y * 3),
             F.silu(x), F.leaky_relu(y, 0.1), F.elu(x), F.log_softmax(y, 1),
             self.inorm(x), self.gnorm(y), F.avg_pool1d(x.reshape(2, 8, 64), 4, 2),
             F.adaptive_avg_pool2d(y, (2, 4)), F.pixel_shuffle(x, 2),
             F.interpolate(y, scale_factor=2, mode="bilinear", align_corners=False)]
        return o


MODELS = {
    "flex_conv": FlexConv, "gpt_tiny": GptTiny, "gru_regressor": GruRegressor,
    "image_conv": ImageConv, "lstm_tagger": LstmTagger,
    "mlp": lambda: nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 10), nn.Softmax(-1)),
    "mobilenet_v3_small": mobilenet_v3_small, "ops_coverage": OpsCoverage,
    "shufflenet_v2_x0_5": ShuffleNetV2, "squeezenet1_1": squeezenet1_1,
    "stateful_cache": StatefulCache,
    "transformer_encoder": lambda: nn.TransformerEncoder(
        nn.TransformerEncoderLayer(64, 4, 128, batch_first=True), 2),
    "unet_small": UNetSmall, "vit_tiny": VisionTransformer,
}


def time_ms(fn, repeat):
    times = []
    with torch.no_grad():
        for i in range(repeat + 2):
            start = time.perf_counter()
            fn()
            if i >= 2:
                times.append((time.perf_counter() - start) * 1000)
    return min(times)


def main():
    fixtures, threads, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    names = sys.argv[4:] or sorted(MODELS)
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    for name in names:
        meta = json.load(open(os.path.join(fixtures, name, "meta.json")))
        net = MODELS[name]().eval()
        params = sum(p.numel() for p in net.parameters())
        npz = np.load(os.path.join(fixtures, name, "inputs.npz"))
        args = [torch.from_numpy(npz[k]) for k in meta["inputs"]]
        ms = time_ms(lambda: net(*args), repeat)
        ok = "params-ok" if params == meta["params"] else f"params-{params}!={meta['params']}"
        print(f"{name} {ms:.3f} {ok}", flush=True)


if __name__ == "__main__":
    main()
