//===- PalettizeTest.cpp - weight palettization kernels -------------------===//
//
// Part of mil-mlir.
//
// Expected values are the spec's worked examples (compression.md 3.3, 5.1,
// 5.5, 5.11), computed by hand, or golden slices of the coremltools fixtures
// (shared/fixtures/coremltools). Results are decompressed with
// ios18::lutToDense to check round trips.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/Palettize.h"

#include "mil/Compression/ConstexprIOS18.h"
#include "mil/Compression/Half.h"
#include "mil/Compression/KMeans.h"

#include "llvm/Support/Parallel.h"
#include "llvm/Support/Threading.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <vector>

using namespace mil::compression;

namespace {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

std::vector<uint16_t> halves(const std::vector<float> &values) {
  std::vector<uint16_t> out;
  for (float v : values)
    out.push_back(floatToHalf(v));
  return out;
}

template <typename T>
TensorRef ref(const std::vector<T> &values, ElemType type,
              const std::vector<int64_t> &shape) {
  return TensorRef{values.data(), type, shape, 8};
}

/// The LUT of a result as values of type T.
template <typename T> std::vector<T> lutAs(const PalettizeResult &r) {
  std::vector<T> out(r.lut.size() / sizeof(T));
  std::memcpy(out.data(), r.lut.data(), r.lut.size());
  return out;
}

/// Decompresses `r` with constexpr_lut_to_dense (iOS18) into floats.
std::vector<float> decompress(const PalettizeResult &r, ElemType type) {
  TensorRef indices{r.indices.data(), ElemType::UInt8, r.indicesShape, r.nbits};
  TensorRef lut{r.lut.data(), type, r.lutShape, 8};
  std::vector<int64_t> shape;
  Status s = ios18::lutToDenseShape(indices, lut, r.vectorAxis, shape);
  EXPECT_TRUE(s.ok) << s.message;
  size_t n = numElements(shape);
  std::vector<uint8_t> bytes(n * elemTypeSize(type));
  s = ios18::lutToDense(indices, lut, r.vectorAxis, bytes.data(), bytes.size());
  EXPECT_TRUE(s.ok) << s.message;
  std::vector<float> out(n);
  for (size_t i = 0; i < n; ++i) {
    switch (type) {
    case ElemType::Float16: {
      uint16_t h;
      std::memcpy(&h, &bytes[2 * i], 2);
      out[i] = halfToFloat(h);
      break;
    }
    case ElemType::Float32:
      std::memcpy(&out[i], &bytes[4 * i], 4);
      break;
    case ElemType::Int8:
      out[i] = static_cast<int8_t>(bytes[i]);
      break;
    case ElemType::UInt8:
      out[i] = bytes[i];
      break;
    }
  }
  return out;
}

double mse(const std::vector<float> &a, const std::vector<float> &b) {
  double total = 0;
  for (size_t i = 0; i < a.size(); ++i)
    total +=
        (static_cast<double>(a[i]) - b[i]) * (static_cast<double>(a[i]) - b[i]);
  return total / a.size();
}

Status run(const TensorRef &w, PalettizeMode mode, unsigned nbits,
           PalettizeResult &r, int64_t axis = 0, int64_t group = 0,
           int64_t clusterDim = 1) {
  PalettizeSpec spec;
  spec.mode = mode;
  spec.nbits = nbits;
  spec.channelAxis = axis;
  spec.groupSize = group;
  spec.clusterDim = clusterDim;
  return palettize(w, spec, r);
}

/// Runs `fn` with LLVM's parallel algorithms forced sequential.
template <typename Fn> void serially(Fn fn) {
  llvm::ThreadPoolStrategy saved = llvm::parallel::strategy;
  llvm::parallel::strategy = llvm::hardware_concurrency(1);
  fn();
  llvm::parallel::strategy = saved;
}

std::vector<uint16_t> randomHalves(size_t n, uint64_t seed, float sigma) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> normal(0, sigma);
  std::vector<uint16_t> out(n);
  for (uint16_t &h : out)
    h = floatToHalf(normal(rng));
  return out;
}

//===----------------------------------------------------------------------===//
// Golden slices of the coremltools fixtures
//===----------------------------------------------------------------------===//

// mlp_iOS18_pal_uniform4: fc1 weight (128x128): its min, its max, then its
// first 30 elements; coremltools' LUT and those elements' indices.
const uint16_t kUniform4Weights[] = {
    0xAD11, 0x2D04, 0x15F1, 0x25C1, 0x99A5, 0x209C, 0x9830, 0x1F14,
    0x2492, 0x207F, 0xA35A, 0x9E23, 0x8F50, 0x2787, 0x9C9D, 0xA9B3,
    0xAA0D, 0xA467, 0xA863, 0xA77A, 0x22C7, 0x24A6, 0xA1A8, 0xA372,
    0x9FBE, 0x9D93, 0x233F, 0x13CA, 0x9FE3, 0x98CE, 0xA7CC, 0x2484};
const uint8_t kUniform4Indices[] = {0, 15, 8,  10, 7, 8, 7, 8, 9, 8, 6,
                                    7, 8,  10, 7,  3, 3, 6, 4, 5, 9, 9,
                                    6, 6,  7,  7,  9, 8, 7, 7, 5, 9};
const uint16_t kUniform4Lut[] = {0xAD11, 0xAC65, 0xAB72, 0xAA1A, 0xA8C2, 0xA6D4,
                                 0xA424, 0x9DD0, 0x1CF0, 0x23D8, 0x269C, 0x28A6,
                                 0x29FE, 0x2B56, 0x2C57, 0x2D03};

// mlp_iOS18_pal_uniform8: the same weight at 8 bits.
const uint8_t kUniform8Indices[] = {0,   255, 131, 165, 124, 143, 125, 139,
                                    157, 142, 105, 119, 128, 176, 121, 56,
                                    52,  100, 73,  81,  150, 158, 110, 105,
                                    116, 119, 151, 130, 116, 124, 79,  157};
const uint16_t kUniform8Lut[] = {
    0xAD11, 0xAD07, 0xACFD, 0xACF3, 0xACE9, 0xACDE, 0xACD4, 0xACCA, 0xACC0,
    0xACB6, 0xACAC, 0xACA2, 0xAC98, 0xAC8D, 0xAC83, 0xAC79, 0xAC6F, 0xAC65,
    0xAC5B, 0xAC51, 0xAC47, 0xAC3D, 0xAC32, 0xAC28, 0xAC1E, 0xAC14, 0xAC0A,
    0xAC00, 0xABEB, 0xABD7, 0xABC3, 0xABAF, 0xAB9A, 0xAB86, 0xAB72, 0xAB5E,
    0xAB4A, 0xAB35, 0xAB21, 0xAB0D, 0xAAF9, 0xAAE4, 0xAAD0, 0xAABC, 0xAAA8,
    0xAA93, 0xAA7F, 0xAA6B, 0xAA57, 0xAA42, 0xAA2E, 0xAA1A, 0xAA06, 0xA9F2,
    0xA9DD, 0xA9C9, 0xA9B5, 0xA9A1, 0xA98C, 0xA978, 0xA964, 0xA950, 0xA93B,
    0xA927, 0xA913, 0xA8FF, 0xA8EA, 0xA8D6, 0xA8C2, 0xA8AE, 0xA89A, 0xA885,
    0xA871, 0xA85D, 0xA849, 0xA834, 0xA820, 0xA80C, 0xA7EF, 0xA7C7, 0xA79E,
    0xA776, 0xA74D, 0xA725, 0xA6FC, 0xA6D4, 0xA6AC, 0xA683, 0xA65B, 0xA632,
    0xA60A, 0xA5E1, 0xA5B9, 0xA590, 0xA568, 0xA53F, 0xA517, 0xA4EE, 0xA4C6,
    0xA49D, 0xA475, 0xA44C, 0xA424, 0xA3F7, 0xA3A6, 0xA355, 0xA304, 0xA2B3,
    0xA262, 0xA211, 0xA1C0, 0xA170, 0xA11F, 0xA0CE, 0xA07D, 0xA02C, 0x9FB6,
    0x9F14, 0x9E72, 0x9DD0, 0x9D2E, 0x9C8C, 0x9BD5, 0x9A91, 0x994D, 0x9809,
    0x958B, 0x9208, 0x87C4, 0x1017, 0x1493, 0x171A, 0x18D1, 0x1A15, 0x1B58,
    0x1C4E, 0x1CF0, 0x1D92, 0x1E34, 0x1ED6, 0x1F78, 0x200D, 0x205E, 0x20AF,
    0x2100, 0x2150, 0x21A1, 0x21F2, 0x2243, 0x2294, 0x22E5, 0x2336, 0x2387,
    0x23D8, 0x2414, 0x243D, 0x2465, 0x248E, 0x24B6, 0x24DF, 0x2507, 0x2530,
    0x2558, 0x2581, 0x25A9, 0x25D2, 0x25FA, 0x2623, 0x264B, 0x2674, 0x269C,
    0x26C4, 0x26ED, 0x2715, 0x273E, 0x2766, 0x278F, 0x27B7, 0x27E0, 0x2804,
    0x2818, 0x282D, 0x2841, 0x2855, 0x2869, 0x287E, 0x2892, 0x28A6, 0x28BA,
    0x28CE, 0x28E3, 0x28F7, 0x290B, 0x291F, 0x2934, 0x2948, 0x295C, 0x2970,
    0x2985, 0x2999, 0x29AD, 0x29C1, 0x29D6, 0x29EA, 0x29FE, 0x2A12, 0x2A26,
    0x2A3B, 0x2A4F, 0x2A63, 0x2A77, 0x2A8C, 0x2AA0, 0x2AB4, 0x2AC8, 0x2ADD,
    0x2AF1, 0x2B05, 0x2B19, 0x2B2E, 0x2B42, 0x2B56, 0x2B6A, 0x2B7E, 0x2B93,
    0x2BA7, 0x2BBB, 0x2BCF, 0x2BE4, 0x2BF8, 0x2C06, 0x2C10, 0x2C1A, 0x2C24,
    0x2C2F, 0x2C39, 0x2C43, 0x2C4D, 0x2C57, 0x2C61, 0x2C6B, 0x2C75, 0x2C7F,
    0x2C8A, 0x2C94, 0x2C9E, 0x2CA8, 0x2CB2, 0x2CBC, 0x2CC6, 0x2CD0, 0x2CDB,
    0x2CE5, 0x2CEF, 0x2CF9, 0x2D03};

// conv_iOS18_pal_uniform8: conv1 weight (32x32x3x3), min, max, first 30.
const uint16_t kConvUniform8Weights[] = {
    0xACBF, 0x2CB6, 0xA6C2, 0x21FA, 0x20C3, 0x2540, 0x2511, 0xA091,
    0x9178, 0x2394, 0x1BBE, 0xA5D2, 0x1D20, 0x1A62, 0x2168, 0x1F16,
    0xA283, 0xA400, 0xA5E5, 0x200F, 0xA529, 0x25E7, 0x9C53, 0xA3A8,
    0x2670, 0x2782, 0x9982, 0x955D, 0xA4FF, 0x243A, 0x9E33, 0xA697};
const uint8_t kConvUniform8Indices[] = {0,   255, 82,  148, 144, 164, 162, 113,
                                        127, 154, 135, 89,  137, 133, 146, 140,
                                        106, 101, 88,  142, 93,  168, 121, 102,
                                        172, 179, 123, 126, 94,  157, 118, 84};
const uint16_t kConvUniform8Lut[] = {
    0xACBF, 0xACB6, 0xACAC, 0xACA3, 0xAC99, 0xAC90, 0xAC86, 0xAC7D, 0xAC73,
    0xAC6A, 0xAC60, 0xAC57, 0xAC4D, 0xAC44, 0xAC3A, 0xAC31, 0xAC27, 0xAC1E,
    0xAC14, 0xAC0B, 0xAC01, 0xABEF, 0xABDC, 0xABC9, 0xABB6, 0xABA3, 0xAB91,
    0xAB7E, 0xAB6B, 0xAB58, 0xAB45, 0xAB32, 0xAB1F, 0xAB0C, 0xAAF9, 0xAAE6,
    0xAAD3, 0xAAC0, 0xAAAD, 0xAA9A, 0xAA87, 0xAA74, 0xAA61, 0xAA4E, 0xAA3B,
    0xAA28, 0xAA15, 0xAA02, 0xA9EF, 0xA9DC, 0xA9C9, 0xA9B6, 0xA9A3, 0xA990,
    0xA97D, 0xA96A, 0xA957, 0xA944, 0xA931, 0xA91E, 0xA90B, 0xA8F8, 0xA8E5,
    0xA8D2, 0xA8BF, 0xA8AC, 0xA899, 0xA886, 0xA873, 0xA860, 0xA84D, 0xA83A,
    0xA827, 0xA814, 0xA801, 0xA7DD, 0xA7B7, 0xA791, 0xA76B, 0xA745, 0xA71F,
    0xA6F9, 0xA6D3, 0xA6AD, 0xA687, 0xA661, 0xA63B, 0xA615, 0xA5EF, 0xA5C9,
    0xA5A4, 0xA57E, 0xA558, 0xA532, 0xA50C, 0xA4E6, 0xA4C0, 0xA49A, 0xA474,
    0xA44E, 0xA428, 0xA402, 0xA3B8, 0xA36C, 0xA320, 0xA2D4, 0xA288, 0xA23C,
    0xA1F0, 0xA1A5, 0xA159, 0xA10D, 0xA0C1, 0xA075, 0xA029, 0x9FBA, 0x9F22,
    0x9E8A, 0x9DF3, 0x9D5B, 0x9CC3, 0x9C2B, 0x9B26, 0x99F7, 0x98C7, 0x972E,
    0x94CF, 0x90DF, 0x8105, 0x109E, 0x14AE, 0x170E, 0x18B7, 0x19E6, 0x1B16,
    0x1C23, 0x1CBB, 0x1D53, 0x1DEA, 0x1E82, 0x1F1A, 0x1FB2, 0x2025, 0x2071,
    0x20BD, 0x2109, 0x2155, 0x21A0, 0x21EC, 0x2238, 0x2284, 0x22D0, 0x231C,
    0x2368, 0x23B4, 0x2400, 0x2426, 0x244C, 0x2472, 0x2498, 0x24BE, 0x24E4,
    0x250A, 0x2530, 0x2556, 0x257C, 0x25A1, 0x25C7, 0x25ED, 0x2613, 0x2639,
    0x265F, 0x2685, 0x26AB, 0x26D1, 0x26F7, 0x271D, 0x2743, 0x2769, 0x278F,
    0x27B5, 0x27DB, 0x2800, 0x2813, 0x2826, 0x2839, 0x284C, 0x285F, 0x2872,
    0x2885, 0x2898, 0x28AB, 0x28BE, 0x28D1, 0x28E4, 0x28F7, 0x290A, 0x291D,
    0x2930, 0x2943, 0x2956, 0x2969, 0x297C, 0x298F, 0x29A2, 0x29B5, 0x29C8,
    0x29DB, 0x29EE, 0x2A01, 0x2A14, 0x2A27, 0x2A3A, 0x2A4D, 0x2A60, 0x2A73,
    0x2A86, 0x2A99, 0x2AAC, 0x2ABF, 0x2AD2, 0x2AE5, 0x2AF8, 0x2B0B, 0x2B1E,
    0x2B31, 0x2B44, 0x2B57, 0x2B6A, 0x2B7D, 0x2B8F, 0x2BA2, 0x2BB5, 0x2BC8,
    0x2BDB, 0x2BEE, 0x2C01, 0x2C0A, 0x2C14, 0x2C1D, 0x2C27, 0x2C30, 0x2C3A,
    0x2C43, 0x2C4D, 0x2C56, 0x2C60, 0x2C69, 0x2C73, 0x2C7C, 0x2C86, 0x2C8F,
    0x2C99, 0x2CA2, 0x2CAC, 0x2CB5};

// mlp_iOS18_pal_unique (lattice16 input): fc2 weight elements covering all 16
// values, their indices and coremltools' LUT.
const uint16_t kUniqueWeights[] = {
    0x1C19, 0x9C19, 0x2225, 0x2225, 0x29A2, 0xA51F, 0x289C, 0x272B,
    0x289C, 0x1C19, 0x9C19, 0x251F, 0x2225, 0xA89C, 0xA89C, 0xA72B,
    0xA225, 0xA9A2, 0x2AA8, 0xAAA8, 0x2BAE, 0xABAE};
const uint8_t kUniqueIndices[] = {8,  7, 9, 9, 13, 5, 12, 11, 12, 8,  7,
                                  10, 9, 3, 3, 4,  6, 2,  14, 1,  15, 0};
const uint16_t kUniqueLut[] = {0xABAE, 0xAAA8, 0xA9A2, 0xA89C, 0xA72B, 0xA51F,
                               0xA225, 0x9C19, 0x1C19, 0x2225, 0x251F, 0x272B,
                               0x289C, 0x29A2, 0x2AA8, 0x2BAE};

// mlp_iOS18_pal_kmeans4-per-grouped-channel16: fc2 weight (32x128) rows
// 0-15, i.e. channel group 0, as fp16 hex; coremltools (scikit-learn) reached
// MSE 3.4387955060808523e-06 on it.
const char *kKMeansGroupHex =
    "200E9EB221CA2418292CA4C42896262D28321C789DEA24EC224CA879A8B0A7E7"
    "9EA9A0ADA165A932A0FF230CA527A48AA5E12555A53828CF208C2A53A8002629"
    "A82FA1628CBD216B9A799D22975BA84420299A91223722A22889A11D2A519CF9"
    "1A5324132207A79B25632641247BA0C4210424C5A7911C16A64E293A29D2A345"
    "26989F29A623A2EFA9051C87A32E232120639A109D19297628AF19CE27FE9F27"
    "9F2F280AA70527E8255B295A25F89EB6A7D4A4AC2988A3BDA3D52110A29E1DB1"
    "A666281F2066A62915A5A23FA073A25016A69D93255CA0C1A66DA870275D210B"
    "22B89F18A4B6A56F1C15263B97E2A6C0A83A19C926081DB7A74D20D425BA2419"
    "24C3137F9F5B1DD59D5A2356240BA73628E824782091227DA5B21AEF2417294D"
    "14B39C8BA04C9F53853B27FA29329C489CB9A8112266A7642318216411F121B8"
    "271FA2F52772A06D9F24242AA033A53987429DCAA6C7A14A25D42453A83824D3"
    "1421A84E2290A4EDA107A61E9AC7A0F3A35220F19EE41B532638A85DA09A1E72"
    "22DC9F3DA966A645A4E51D42AA6929DEA7509F6E23E3246B1C0E2340201D1ADC"
    "A4CC271BA39F21CC192B9E0494B22BCC2725A02DA236A05DA07D247227062059"
    "24F31CCF2149A0C2A5B327C41E3B96319F0320FDA6F3A8B1A1BF9F2FA7071C08"
    "A37F2490A15521BF228B27B01FC0A1DE24351977A7D3234BA8AE24CCA4BC1C02"
    "1EC7A0A9A12D174AA3CAA787260C1822A57D2640A4DE1BFF238B29089FCB263B"
    "2632A48FA5C328C424C4A72BA42629C31DA3A8C82232A50820FF22DBA5B42573"
    "9DB72197233CAB459FDBA4052489A12E29DBA04723011A9C1E62A4C59E39A400"
    "A806A0BCA0EA1FAE27D21C3B9F13A5A32441A95EA92DA216A7CE20A0A598A48B"
    "1130A5B99FB29B50A0832821A1919DA0A096A7462583A8C3283AA1D324349452"
    "0FC424CAA42814A7A0B2A46F93BFA8BC2100A4BC1DE61DB42967239C97609DC4"
    "A135A457A5609A2D276A1DD1A40F1475A608A8F324A523A0A9D225AEA3742051"
    "A6AF25C896BA20A92233A4102026286F91C428E52449A55D1EB122C6A4DCA948"
    "218395782544A438A0D8A6F9A87AA2ABA78726B9A4B7278026F79FEFA86E24D6"
    "A1122121225F23DB247FA2EA299FA018A279995C1C9CA4C1208FA9862116194E"
    "A2939921222BA4B123729D85258E09CCA6E624D124CCA5941FA31E5E1FA725A7"
    "A47C1474A7971C9A181F9FED2253A8F72628A28DA2F7A4B524A31F50A1B52235"
    "9FE21E1FA1961D6D24EFA48D2881A44FA8492004A4659B952AB32512A91FA0B9"
    "A423A3DAA04B0251A3E912981C5295571AF4A07BA13A298112C0A46D1D30A741"
    "A0DD9AB8A54EA4A8A48E2BBD1AF1A1EB2A6928CB1734A4E31DDAA0819E2518B9"
    "A3021A3022081DED9FF9A493A7391F66A4B9A02AA52DA5D8A42928821F992000"
    "A7A22089A37DA40CA8B62025996A912D8ED12687147A256B9889A0D724CD1926"
    "191F98F99443A30E1C478FC698F62A2CA8DB26B3250CA38E99A59D37211525D9"
    "26D81A22A0361D37A69BA189A6C81E3020739846A5089EFAA0681C2424D12597"
    "A721296BA64308BD21DF1F9BA41EAA1F203221B8A82B20DE2761A90A198B9D31"
    "A50A25449E22A007261225EDA1642ADC14FEA410260827932253149CA11D1FAC"
    "A056A883A775A4219F22A8D390C2203321CA240D9B02266F27079282A0B727FE"
    "95441F82A8301EB02470AA5C2460A91EA3E126AD25262334212A18A29C5FA495"
    "14D9A57722AF9DC4A6B1A2BF9D4425419B649943A111A6191637A06D2B5EA925"
    "A88C213A1F8AA32CA63B1D712926A725A824246194F727082309A262A103251D"
    "A474A4E8A06A1D5426C89453A406A48A938FA80CA49419C1A2351F6822569532"
    "A542A3D5A5D5A976A22F251A25D794D59EB599A09F6D26CDA7C5A417A6D5243E"
    "A558267F23F72086A6702214A152A0DE1F6E2156A48597AB1467A49A27FB8418"
    "A4592498A03227B1A284251AA51F2A57A85F19F4A73E9EE121329DCD98658EC2"
    "A8D0A16F9CC4A7F9293121612883A591A82D212A23462156956A169F218C220D"
    "23E71494280C1F7AA439A4B7A698A827194AA4A026759D43A236A6CA808D97FD"
    "A02FA3162539203920E8988024BE1FF8229CA29020222842A92EA7D5A0DEA363"
    "25D3937DA5691DADA4EF1B412652227019B2A5589B2AA3F80DA0A359A52E2739"
    "23FA26821DD3A8AA26B91BEC9948A7B9227EA4691CBD215124FFA6201F312866"
    "9AE62A33A42224B61D1A92FB03B322932BDC2284A51C9EE019A79A0528AD24D0"
    "94D1A6B01BF816691EDCA09A13401C49186B21EEA56C9BD3A4DB2164213BA07D"
    "2ABE21E7A14AA72622EA240D1EB0A598A596A7482876232CA826A8AA8D8D1E9F"
    "A5CD9EF22199A0419F029FBC253A1CEEA730A6731BCBA49DA4D327FAA826A314"
    "2679A80E0FBE20E821DB9C721DBF212AA1DDAAD793821D7AA41A9DA815E592FE"
    "A43724449B981CC1A1CAA33F1A080DB2A2F5A54B9E8F214399479A4D24E4A803"
    "A4B19F1EA8A3218B28E51D6D9F3524ACA070A0DAA417A31C287E27C5A99C9407"
    "2101A653958621B025978FD025A19C04A39CA67A28CA2581244A220522C32887"
    "181AA50016181A66267E23CFA8089D70A4222667A87520B09F462B9D26D49D7B"
    "28D81DC98F43185312C2A689A0BBA269A8AF18369F3022AF21D7A2FF9149A482"
    "164F1E799F1298C2A4B9A6DA161F9DBEA59724B82571A02A9905A15B93FDA85F"
    "2723A8E8A612A4F29F2820D4A5F71DC927BE242920632288A3CF22202435A471"
    "A16C27EBA12324B41E19254AA4C11D3322FAA4312845A29A9F581D9EA4422338"
    "A5AB22CBA5C126ADA0F8264FA4542297A49E225722A8A555266FA496983D1E78"
    "A45A244A26F71B97243825E726CC24042603A9F821089D3E24BDA56CA4402174"
    "A6D9A40626DAA65621819E26A3312028A721278529B0A153A7D928C11CB4294B"
    "23272448A269A888A386A1722024A456A21EA127271120CC20402209A8AB2333"
    "A0B19CEB9CDFA0111D61A636A44F14DA196B2187226417A2A6528E04240B8238"
    "21D6A6812060A2DC9E049D9F99CB22E0A0B026F59CDEA422249E189D2808A515"
    "23CE25EF2990935A24409A54287CA64A965423F0209928481A4B9F692792269F"
    "23251CF59673211E24E5A0299235A805261393C3280B86DD1EF41E5BA8A22801"
    "26272470160F1DEF244B231120A9241F1C8A2895A63C26DA1F87A5CF25F9A66A"
    "A8ADA15C238D1ECC2556A6809F42A3F2A34421039B421D77A874A6DAA5CE18B7"
    "1715254722B9A2B6A434A3E0254B9B4F1EA51BCE22A324B7257D9E3E2510A68A"
    "20B522F421C82206A1D2A358A1B9A4A625DDA1F52403263B9D7419A81F23A657"
    "19CFA20FA6CB9844A02FA6E60EA91DA2A2379E62A8562407A61D04F7243B205F"
    "95AE244D9FD92975AB98A570A46A240AA3DA219D25A2ABEB88A59C38200F1A6B"
    "1DFF1A422507A423A6E01865A7D325562894257B1C3B210E1E16241A26449EC4"
    "201A1AD6A66125B499C69E19A5492011242D9F11A0EC280E9CD328FB210D1D66"
    "9E3C1C8824F920C622231D1A93241AB8A282255C992221051BE99C8B26A320EB"
    "A658A52A2604A6FA9F9A20229E2D250427D428C89A7C979E23659D2EA515213A"
    "272820059DDC9EA2258229DB250722A421BC9EF39C8CA49A21EA9945A5DCA89C"
    "258D28A7A613A154A5E62126A86FA4A5A0DEA7312612A31EA4C024582038A60E"
    "A02C250C240724B821BDA5DF86B523531696A4C7A2AC8139213920C09F66A4BE"
    "207F24CBA969A7AEA763A35B0C920887A11FA3E1A1D4A73B195D9EEEA87C9E3F"
    "24E1A83A9562A30E2275A60D248FA43B26201E07A41516E5971B0DF4A13F27C2"
    "A890A84F971824A1A7EEA9D62332A60796D921C7A5E91F5D1937A325258E2930"
    "24D7A7221E442884A5D89EA99FBA24DAA20C9ACB12921A719EBA2258289F219F"
    "22C524E9987FA834A62518AAA669A8369CC71DC4282AA4C4A94602C3194FA5B6"
    "A0481D8DA8EBA59327A625B624D22301A4971AFCA027247DA32E1D35A68B9DDE"
    "1AF521EC25E3240CA0D11AE923C49D3A914EA13C1C5424D7A85E1E26993923C1"
    "247C9E12A8FC9AA129371F40224D1DC4219A29961F4B134CA42E24B324402B6C"
    "A29DA9CD2484A1D12817A6E6245E1CD42573A1AF235313DB22DDA9151270A49E"
    "9FFCA25298B021F121E828C12A20A055A50B25BBA3EC20191D572487A34F218B"
    "145A9E4A272C21E49864A529A1B61DA626C2A32C98049B5A24BD9FFEA266245A"
    "A5792312A47AA62E2A6E279913DEA80B9FD2A6C32626289E18289957197F1926"
    "29BE18C220CFA4319F8E17A8A664A5519964A03599732093A370A54725A91F96"
    "A4A3A922A1B3A4F4265E8C51A671225320451B2B17972387228DA039946E1687"
    "A85AA7292342A7AD2331A6749C1616A6988724CD9AEA914B27039A6BA09C2611"
    "90DD9DFC94F724D924AE223298F9237FA159265B21531E00A7971C2425C3A888"
    "A8AC22A9A3C51EE39DF3A0E12703A60CA0DE21E3A83F20471E58A18B29B21921"
    "A6902018A468A3F7A17D158B9D182188299328BFA143A0A21C122295A6A72363"
    "24212491A0622968A75CA2E421E224A3A6A9204BA88324A7204129A0A20F1CA9"
    "A843A4341A5020772BA8A588A28D275524722084A29A1CF5A277290BA0AD26CD"
    "A5FEA4DFA40AA19E924397B6942FA4BF2407A0599FA227E2209EA853234F0AD7"
    "2404269824E724D8A314A3E1A7149D8BA10118AAA0C4A18E2953A2EEA0269C3A"
    "A55EA998A2D929AA220E90959F05A0AC2742A670245A25C4A532A4449D6C1E16"
    "9E5C9F45216617689CEDA68218E01ECDA74725C11F942074961096E61A1421C1"
    "9A42A52A2816A470167AA4E6A185AB2FA6D1A3CAA2E4A663A81A94E29CE2A114"
    "1951272D979AA22E2702A3DE1238251B9E62A547276AA090A6EEA65FA29B26EA"
    "A13620C1A07B28702184A2F61C882072A456A0B0975616521E2D24549CEF9A73"
    "126B2415238B28FF1AE2192D25D2A1049D519D7E236C259024C7A0B2228B21DA"
    "236BA29726AA2519A634224BA4A89E99245B99FFA4AF1E3E25E52C3622000852"
    "227215299FC19438AAC71C249D66A5B2A0F922B5A659270DA56C1C0BA2F522AA"
    "25211C1CABAFA73F950998E226E2289E9ADDA2701F562970A7219A12A2B324FC"
    "A0491C6A1ECC22CB230C990C23298242A45BA5641A1E26B8A742816025A42814"
    "A4FC246FA333918D20598BBEA67B9780A031A11A23CE211FA7F7225C2284A429"
    "2248A4AC295123459D5C171DA1CC1EA69DF51EF825FD9A071E4422EA241AA85E"
    "1D8FA1DF142B1E4B283FA6752948A261268F99632B2E894D19A194A4A25827A6"
    "25CD22D322D7A72BA070A5E8A342A7D2A5DCA2761F8AA03E9C6E11B92746203D"
    "214B23DE2532253126E0A53725DAA43225EA9CA5AA99A7BB14D0A28623E720F7"
    "18761AD6A0442590A1521D4C28EF1B21A5DE25ABA0C2974A1FDE1CD6A4152186"
    "A59D243821A021C298B4A39B24A1A1552711A06816E81D9723C1A169A3149E20"
    "1C08A51F252EA676A6051E55A5DBA4E8A3D824A5A8D424A81EB71D9F9FA5A90D"
    "24311EA6A672244F8A52A15F200C1E8029969D619FA0A87D1F70A559A897089E"
    "1F98A094273BA3D8A57E1DCB9B59A44C2560A8182606A3751B85996E258B9BE2"
    "25C124A527DF9ED11B3D9C322876A1F0111BA88320019D8B268820B4945E2257"
    "A23BA6032450A847219DA91CA85E224A230A213129051EBD1E9A29DC2842A141";
const double kKMeansGroupCoremltoolsMSE = 3.4387955060808523e-06;

//===----------------------------------------------------------------------===//
// Spec examples
//===----------------------------------------------------------------------===//

TEST(Palettize, UniqueArange16BothBlockLayouts) {
  // 3.3.1 / 5.1 item 8: arange(16).reshape(4, 4), UNIQUE, nbits 3.
  std::vector<float> w(16);
  std::iota(w.begin(), w.end(), 0.0f);
  std::vector<int64_t> shape = {4, 4};
  PalettizeResult r;
  // block_sizes [2, 0]: groups of 2 rows.
  ASSERT_TRUE(
      run(ref(w, ElemType::Float32, shape), PalettizeMode::Unique, 3, r, 0, 2)
          .ok);
  EXPECT_EQ(r.nbits, 3u);
  EXPECT_EQ(r.lutShape, (std::vector<int64_t>{2, 1, 8, 1}));
  EXPECT_EQ(lutAs<float>(r), (std::vector<float>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
                                                 10, 11, 12, 13, 14, 15}));
  EXPECT_EQ(r.indicesShape, shape);
  EXPECT_EQ(r.indices, (std::vector<uint8_t>{0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3,
                                             4, 5, 6, 7}));
  EXPECT_FALSE(r.vectorAxis);
  // block_sizes [0, 2]: groups of 2 columns.
  ASSERT_TRUE(
      run(ref(w, ElemType::Float32, shape), PalettizeMode::Unique, 3, r, 1, 2)
          .ok);
  EXPECT_EQ(r.lutShape, (std::vector<int64_t>{1, 2, 8, 1}));
  EXPECT_EQ(lutAs<float>(r), (std::vector<float>{0, 1, 4, 5, 8, 9, 12, 13, 2, 3,
                                                 6, 7, 10, 11, 14, 15}));
  EXPECT_EQ(r.indices, (std::vector<uint8_t>{0, 1, 0, 1, 2, 3, 2, 3, 4, 5, 4, 5,
                                             6, 7, 6, 7}));
  EXPECT_EQ(decompress(r, ElemType::Float32), w);
}

TEST(Palettize, UniformSpecExample) {
  // 3.3.3: [0.11, 0.19, 0.3, 0.08, 0.0, 0.02], nbits 2 -> LUT
  // [0, 0.1, 0.2, 0.3], indices [1, 2, 3, 1, 0, 0].
  std::vector<float> w = {0.11f, 0.19f, 0.3f, 0.08f, 0.0f, 0.02f};
  std::vector<int64_t> shape = {6};
  PalettizeResult r;
  ASSERT_TRUE(
      run(ref(w, ElemType::Float32, shape), PalettizeMode::Uniform, 2, r).ok);
  EXPECT_EQ(r.indices, (std::vector<uint8_t>{1, 2, 3, 1, 0, 0}));
  std::vector<float> lut = lutAs<float>(r);
  ASSERT_EQ(lut.size(), 4u);
  const float expected[] = {0.0f, 0.1f, 0.2f, 0.3f};
  for (int k = 0; k < 4; ++k)
    EXPECT_NEAR(lut[k], expected[k], 1e-7);
  // numpy 1.x: the step is float64 (0.3f / 3), the LUT float64, cast once.
  EXPECT_EQ(lut[1], static_cast<float>(static_cast<double>(0.3f) / 3));
  EXPECT_EQ(lut[3], static_cast<float>(3 * (static_cast<double>(0.3f) / 3)));
  // fp16: same indices; every step rounded to fp16.
  std::vector<uint16_t> h = halves(w);
  ASSERT_TRUE(
      run(ref(h, ElemType::Float16, shape), PalettizeMode::Uniform, 2, r).ok);
  EXPECT_EQ(r.indices, (std::vector<uint8_t>{1, 2, 3, 1, 0, 0}));
  std::vector<uint16_t> lut16 = lutAs<uint16_t>(r);
  EXPECT_EQ(lut16[0], floatToHalf(0.0f));
  EXPECT_EQ(lut16[3], h[2]); // 3 * (max / 3) lands on max again
}

TEST(Palettize, UniformMatchesFixturesByteForByte) {
  std::vector<int64_t> shape = {32};
  std::vector<uint16_t> w(std::begin(kUniform4Weights),
                          std::end(kUniform4Weights));
  PalettizeResult r;
  ASSERT_TRUE(
      run(ref(w, ElemType::Float16, shape), PalettizeMode::Uniform, 4, r).ok);
  EXPECT_EQ(lutAs<uint16_t>(r), std::vector<uint16_t>(std::begin(kUniform4Lut),
                                                      std::end(kUniform4Lut)));
  EXPECT_EQ(r.indices, std::vector<uint8_t>(std::begin(kUniform4Indices),
                                            std::end(kUniform4Indices)));
  ASSERT_TRUE(
      run(ref(w, ElemType::Float16, shape), PalettizeMode::Uniform, 8, r).ok);
  EXPECT_EQ(lutAs<uint16_t>(r), std::vector<uint16_t>(std::begin(kUniform8Lut),
                                                      std::end(kUniform8Lut)));
  EXPECT_EQ(r.indices, std::vector<uint8_t>(std::begin(kUniform8Indices),
                                            std::end(kUniform8Indices)));
  std::vector<uint16_t> conv(std::begin(kConvUniform8Weights),
                             std::end(kConvUniform8Weights));
  ASSERT_TRUE(
      run(ref(conv, ElemType::Float16, shape), PalettizeMode::Uniform, 8, r)
          .ok);
  EXPECT_EQ(lutAs<uint16_t>(r),
            std::vector<uint16_t>(std::begin(kConvUniform8Lut),
                                  std::end(kConvUniform8Lut)));
  EXPECT_EQ(r.indices, std::vector<uint8_t>(std::begin(kConvUniform8Indices),
                                            std::end(kConvUniform8Indices)));
  // The 4-D shape and a grouping that keeps one group change nothing.
  std::vector<int64_t> conv4d = {2, 16, 1, 1};
  ASSERT_TRUE(run(ref(conv, ElemType::Float16, conv4d), PalettizeMode::Uniform,
                  8, r, 1, 16)
                  .ok);
  EXPECT_EQ(r.lutShape, (std::vector<int64_t>{1, 1, 1, 1, 256, 1}));
  EXPECT_EQ(r.indices, std::vector<uint8_t>(std::begin(kConvUniform8Indices),
                                            std::end(kConvUniform8Indices)));
}

TEST(Palettize, UniqueMatchesFixture) {
  std::vector<uint16_t> w(std::begin(kUniqueWeights), std::end(kUniqueWeights));
  std::vector<int64_t> shape = {static_cast<int64_t>(w.size())};
  PalettizeResult r;
  ASSERT_TRUE(
      run(ref(w, ElemType::Float16, shape), PalettizeMode::Unique, 0, r).ok);
  EXPECT_EQ(r.nbits, 4u);
  EXPECT_EQ(lutAs<uint16_t>(r), std::vector<uint16_t>(std::begin(kUniqueLut),
                                                      std::end(kUniqueLut)));
  EXPECT_EQ(r.indices, std::vector<uint8_t>(std::begin(kUniqueIndices),
                                            std::end(kUniqueIndices)));
}

TEST(Palettize, KMeansNoWorseThanFixture) {
  std::vector<uint16_t> w;
  for (const char *p = kKMeansGroupHex; *p; p += 4) {
    char digits[5] = {p[0], p[1], p[2], p[3], 0};
    w.push_back(static_cast<uint16_t>(std::strtoul(digits, nullptr, 16)));
  }
  ASSERT_EQ(w.size(), 2048u);
  std::vector<int64_t> shape = {16, 128};
  PalettizeResult r;
  ASSERT_TRUE(
      run(ref(w, ElemType::Float16, shape), PalettizeMode::KMeans, 4, r).ok);
  std::vector<float> original;
  for (uint16_t h : w)
    original.push_back(halfToFloat(h));
  double ours = mse(original, decompress(r, ElemType::Float16));
  EXPECT_LE(ours, kKMeansGroupCoremltoolsMSE);
  // About 3% better here (scikit-learn stops at a local optimum).
  EXPECT_LT(ours, 0.98 * kKMeansGroupCoremltoolsMSE);
}

TEST(Palettize, VectorShapes) {
  // 3.3.6: conv (32, 64, 2, 2), per-tensor, nbits 4, cluster_dim 2.
  std::vector<uint16_t> w = randomHalves(32 * 64 * 2 * 2, 1, 0.02f);
  std::vector<int64_t> shape = {32, 64, 2, 2};
  PalettizeResult r;
  ASSERT_TRUE(run(ref(w, ElemType::Float16, shape), PalettizeMode::KMeans, 4, r,
                  0, 0, 2)
                  .ok);
  EXPECT_EQ(r.indicesShape, (std::vector<int64_t>{16, 64, 2, 2}));
  EXPECT_EQ(r.lutShape, (std::vector<int64_t>{1, 1, 1, 1, 16, 2}));
  ASSERT_TRUE(r.vectorAxis);
  EXPECT_EQ(*r.vectorAxis, 0);
  EXPECT_EQ(decompress(r, ElemType::Float16).size(), w.size());
  // cluster_dim 4 along axis 1 of the same weight.
  ASSERT_TRUE(run(ref(w, ElemType::Float16, shape), PalettizeMode::KMeans, 4, r,
                  1, 0, 4)
                  .ok);
  EXPECT_EQ(r.indicesShape, (std::vector<int64_t>{32, 16, 2, 2}));
  EXPECT_EQ(r.lutShape, (std::vector<int64_t>{1, 1, 1, 1, 16, 4}));
  EXPECT_EQ(*r.vectorAxis, 1);
}

TEST(Palettize, VectorsRunAlongTheChannelAxis) {
  // Rows (0, 1) and (2, 3) pair up along axis 0: the vectors are (1, 3),
  // (2, 4), (1, 3), (9, 9) and UNIQUE lists them lexicographically.
  std::vector<float> w = {1, 2, 3, 4, 1, 9, 3, 9};
  std::vector<int64_t> shape = {4, 2};
  PalettizeResult r;
  ASSERT_TRUE(run(ref(w, ElemType::Float32, shape), PalettizeMode::Unique, 0, r,
                  0, 0, 2)
                  .ok);
  EXPECT_EQ(r.nbits, 2u);
  EXPECT_EQ(lutAs<float>(r), (std::vector<float>{1, 3, 2, 4, 9, 9, 0, 0}));
  EXPECT_EQ(r.indicesShape, (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(r.indices, (std::vector<uint8_t>{0, 1, 0, 2}));
  EXPECT_EQ(decompress(r, ElemType::Float32), w);
  // Along axis 1 the vectors are the rows' pairs instead.
  ASSERT_TRUE(run(ref(w, ElemType::Float32, shape), PalettizeMode::Unique, 0, r,
                  1, 0, 2)
                  .ok);
  EXPECT_EQ(lutAs<float>(r), (std::vector<float>{1, 2, 1, 9, 3, 4, 3, 9}));
  EXPECT_EQ(r.indices, (std::vector<uint8_t>{0, 2, 1, 3}));
  EXPECT_EQ(decompress(r, ElemType::Float32), w);
}

TEST(Palettize, VectorKMeansRoundTripsFewDistinctVectors) {
  // 16 distinct vectors: k-means finds them all, so the round trip is exact.
  std::mt19937_64 rng(2);
  std::vector<float> base;
  for (int i = 0; i < 32; ++i)
    base.push_back(static_cast<float>(rng() % 100) / 8);
  std::vector<float> w;
  std::vector<int64_t> shape = {2, 512};
  w.resize(1024);
  for (int col = 0; col < 512; ++col) {
    int v = static_cast<int>(rng() % 16);
    w[col] = base[2 * v];
    w[512 + col] = base[2 * v + 1];
  }
  PalettizeResult r;
  ASSERT_TRUE(run(ref(w, ElemType::Float32, shape), PalettizeMode::KMeans, 4, r,
                  0, 0, 2)
                  .ok);
  EXPECT_EQ(decompress(r, ElemType::Float32), w);
}

//===----------------------------------------------------------------------===//
// UNIQUE
//===----------------------------------------------------------------------===//

TEST(Palettize, UniqueChoosesTheSmallestNbits) {
  const std::pair<int, unsigned> cases[] = {
      {1, 1}, {2, 1},  {3, 2},  {4, 2},  {5, 3},  {8, 3},
      {9, 4}, {16, 4}, {17, 6}, {64, 6}, {65, 8}, {256, 8}};
  for (auto [count, nbits] : cases) {
    std::vector<uint16_t> w;
    for (int i = 0; i < 300; ++i)
      w.push_back(floatToHalf(static_cast<float>(i % count) - 100));
    std::vector<int64_t> shape = {300};
    PalettizeResult r;
    ASSERT_TRUE(
        run(ref(w, ElemType::Float16, shape), PalettizeMode::Unique, 0, r).ok);
    ASSERT_FALSE(r.skipped);
    EXPECT_EQ(r.nbits, nbits) << count << " values";
    EXPECT_EQ(r.lutShape[1], int64_t(1) << nbits);
    std::vector<float> original;
    for (uint16_t h : w)
      original.push_back(halfToFloat(h));
    EXPECT_EQ(decompress(r, ElemType::Float16), original);
  }
}

TEST(Palettize, UniqueSkipsMoreThan256Values) {
  std::vector<uint16_t> w;
  for (int i = 0; i < 257; ++i)
    w.push_back(floatToHalf(static_cast<float>(i)));
  std::vector<int64_t> shape = {257};
  PalettizeResult r;
  ASSERT_TRUE(
      run(ref(w, ElemType::Float16, shape), PalettizeMode::Unique, 0, r).ok);
  EXPECT_TRUE(r.skipped);
  EXPECT_EQ(r.reason, "Can't perform palettization:Unique values in weight "
                      "cannot be represented by 8 bits palettization.");
  EXPECT_TRUE(r.lut.empty());
  // One group over 256 is enough to skip the whole weight.
  std::vector<float> f(2 * 300);
  for (int i = 0; i < 300; ++i)
    f[300 + i] = static_cast<float>(i);
  std::vector<int64_t> two = {2, 300};
  ASSERT_TRUE(
      run(ref(f, ElemType::Float32, two), PalettizeMode::Unique, 0, r, 0, 1)
          .ok);
  EXPECT_TRUE(r.skipped);
}

TEST(Palettize, UniqueNbitsIsPerWeightAndAMinimum) {
  // Groups with 2 and 5 values: the largest need (3 bits) wins; a smaller
  // group's LUT is zero-padded.
  std::vector<float> w = {1, 2, 1, 2, 1, 2, 3, 4, 5, 6};
  std::vector<int64_t> shape = {2, 5};
  PalettizeResult r;
  ASSERT_TRUE(
      run(ref(w, ElemType::Float32, shape), PalettizeMode::Unique, 0, r, 0, 1)
          .ok);
  EXPECT_EQ(r.nbits, 3u);
  EXPECT_EQ(lutAs<float>(r), (std::vector<float>{1, 2, 0, 0, 0, 0, 0, 0, 2, 3,
                                                 4, 5, 6, 0, 0, 0}));
  // A given nbits only raises it (coremltools keeps the larger).
  ASSERT_TRUE(
      run(ref(w, ElemType::Float32, shape), PalettizeMode::Unique, 4, r, 0, 1)
          .ok);
  EXPECT_EQ(r.nbits, 4u);
  ASSERT_TRUE(
      run(ref(w, ElemType::Float32, shape), PalettizeMode::Unique, 1, r, 0, 1)
          .ok);
  EXPECT_EQ(r.nbits, 3u);
}

TEST(Palettize, UniqueMergesSignedZeros) {
  std::vector<uint16_t> w = {0x8000, 0x3C00, 0x0000, 0x8000};
  std::vector<int64_t> shape = {4};
  PalettizeResult r;
  ASSERT_TRUE(
      run(ref(w, ElemType::Float16, shape), PalettizeMode::Unique, 0, r).ok);
  EXPECT_EQ(r.nbits, 1u);
  EXPECT_EQ(lutAs<uint16_t>(r), (std::vector<uint16_t>{0x0000, 0x3C00}));
  EXPECT_EQ(r.indices, (std::vector<uint8_t>{0, 1, 0, 0}));
  std::vector<float> f = {-0.0f, 1.0f, 0.0f};
  std::vector<int64_t> three = {3};
  ASSERT_TRUE(
      run(ref(f, ElemType::Float32, three), PalettizeMode::Unique, 0, r).ok);
  EXPECT_EQ(lutAs<uint32_t>(r), (std::vector<uint32_t>{0, 0x3F800000}));
}

//===----------------------------------------------------------------------===//
// Grouping and channel axes
//===----------------------------------------------------------------------===//

TEST(Palettize, GroupedLutShapes) {
  // 5.5 items 44-47 on the P3 weights.
  struct Case {
    std::vector<int64_t> shape;
    int64_t axis, group;
    unsigned nbits;
    std::vector<int64_t> lutShape;
  } cases[] = {
      {{90, 30, 2, 2}, 0, 1, 4, {90, 1, 1, 1, 16, 1}},
      {{70, 81}, 0, 1, 4, {70, 1, 16, 1}},
      {{2, 1, 70, 35}, 3, 1, 4, {1, 1, 1, 35, 16, 1}},
      {{30, 4, 21, 10}, 1, 1, 4, {1, 4, 1, 1, 16, 1}},
      {{90, 30, 2, 2}, 0, 2, 3, {45, 1, 1, 1, 8, 1}},
      {{70, 81}, 0, 2, 3, {35, 1, 8, 1}},
      {{30, 4, 21, 10}, 1, 2, 3, {1, 2, 1, 1, 8, 1}},
      {{90, 30, 2, 2}, 0, 0, 3, {1, 1, 1, 1, 8, 1}},
  };
  for (const Case &c : cases) {
    std::vector<uint16_t> w = randomHalves(numElements(c.shape), 4, 1);
    for (PalettizeMode mode : {PalettizeMode::KMeans, PalettizeMode::Uniform}) {
      PalettizeResult r;
      ASSERT_TRUE(run(ref(w, ElemType::Float16, c.shape), mode, c.nbits, r,
                      c.axis, c.group)
                      .ok);
      EXPECT_EQ(r.lutShape, c.lutShape);
      EXPECT_EQ(r.indicesShape, c.shape);
      EXPECT_EQ(r.indices.size(), w.size());
    }
  }
}

TEST(Palettize, EachGroupIsPalettizedOnItsOwn) {
  // conv_transpose-like weight, groups of 2 along axis 1: group g's LUT and
  // indices equal those of palettizing the slice W[:, 2g:2g+2] alone.
  std::vector<int64_t> shape = {3, 4, 5};
  std::vector<uint16_t> w = randomHalves(60, 11, 1);
  for (PalettizeMode mode : {PalettizeMode::KMeans, PalettizeMode::Uniform}) {
    PalettizeResult grouped;
    ASSERT_TRUE(
        run(ref(w, ElemType::Float16, shape), mode, 2, grouped, 1, 2).ok);
    ASSERT_EQ(grouped.lutShape, (std::vector<int64_t>{1, 2, 1, 4, 1}));
    std::vector<uint16_t> lut = lutAs<uint16_t>(grouped);
    for (int g = 0; g < 2; ++g) {
      std::vector<uint16_t> slice;
      std::vector<size_t> where;
      for (int a = 0; a < 3; ++a)
        for (int c = 2 * g; c < 2 * g + 2; ++c)
          for (int b = 0; b < 5; ++b) {
            where.push_back((a * 4 + c) * 5 + b);
            slice.push_back(w[where.back()]);
          }
      std::vector<int64_t> sliceShape = {static_cast<int64_t>(slice.size())};
      PalettizeResult alone;
      ASSERT_TRUE(
          run(ref(slice, ElemType::Float16, sliceShape), mode, 2, alone).ok);
      EXPECT_EQ(
          lutAs<uint16_t>(alone),
          std::vector<uint16_t>(lut.begin() + 4 * g, lut.begin() + 4 * g + 4));
      for (size_t i = 0; i < where.size(); ++i)
        EXPECT_EQ(grouped.indices[where[i]], alone.indices[i]);
    }
  }
}

TEST(Palettize, SkipsAsCoremltoolsWarns) {
  std::vector<uint16_t> w = randomHalves(70 * 81, 3, 1);
  std::vector<int64_t> shape = {70, 81};
  PalettizeResult r;
  ASSERT_TRUE(
      run(ref(w, ElemType::Float16, shape), PalettizeMode::KMeans, 4, r, 0, 3)
          .ok);
  EXPECT_TRUE(r.skipped);
  EXPECT_EQ(r.reason, "Can't perform palettization: The number of channels at "
                      "0th axis (70) is not divisible by channel_group_size "
                      "(3).");
  ASSERT_TRUE(run(ref(w, ElemType::Float16, shape), PalettizeMode::KMeans, 4, r,
                  1, 27, 2)
                  .ok);
  EXPECT_TRUE(r.skipped);
  EXPECT_EQ(r.reason, "Can't perform palettization: The channel_group_size at "
                      "1th axis (27) is not divisible by cluster_dim (2).");
  // Per-tensor vectors that do not divide the axis: the same check on the
  // whole axis.
  ASSERT_TRUE(run(ref(w, ElemType::Float16, shape), PalettizeMode::KMeans, 4, r,
                  1, 0, 2)
                  .ok);
  EXPECT_TRUE(r.skipped);
  EXPECT_NE(r.reason.find("(81) is not divisible by cluster_dim (2)"),
            std::string::npos);
}

TEST(Palettize, HardErrorsUseCoremltoolsMessages) {
  std::vector<float> w(16, 1.0f);
  std::vector<int64_t> shape = {4, 4};
  PalettizeResult r;
  Status s = run(ref(w, ElemType::Float32, shape), PalettizeMode::KMeans, 5, r);
  EXPECT_EQ(s.message, "Invalid nbits. Support (1, 2, 3, 4, 6, 8), but got 5");
  s = run(ref(w, ElemType::Float32, shape), PalettizeMode::KMeans, 0, r);
  EXPECT_EQ(s.message, "\"nbits\" must be provided for kmeans mode");
  s = run(ref(w, ElemType::Float32, shape), PalettizeMode::Uniform, 0, r);
  EXPECT_EQ(s.message, "\"nbits\" must be provided for uniform mode");
  s = run(ref(w, ElemType::Float32, shape), PalettizeMode::Uniform, 4, r, 0, 0,
          2);
  EXPECT_EQ(s.message,
            "Vector palettization (cluster_dim > 1) doesn't support UNIFORM "
            "mode.");
  s = run(ref(w, ElemType::Float32, shape), PalettizeMode::KMeans, 4, r, 2);
  EXPECT_EQ(s.message,
            "Invalid channel_axis. Should be in range [-2, 2), but got 2");
  s = run(ref(w, ElemType::Float32, shape), PalettizeMode::Custom, 0, r);
  EXPECT_EQ(s.message,
            "\"lut_function\" can not be None, if \"mode\" is \"custom\".");
  std::vector<float> nan = {1, NAN, 2, 3};
  std::vector<int64_t> four = {4};
  s = run(ref(nan, ElemType::Float32, four), PalettizeMode::KMeans, 1, r);
  EXPECT_FALSE(s.ok);
  EXPECT_NE(s.message.find("NaN"), std::string::npos);
  std::vector<uint16_t> inf = {0x3C00, 0x7C00, 0x0000, 0x4000};
  s = run(ref(inf, ElemType::Float16, four), PalettizeMode::Uniform, 1, r);
  EXPECT_NE(s.message.find("infinity"), std::string::npos);
}

//===----------------------------------------------------------------------===//
// CUSTOM
//===----------------------------------------------------------------------===//

TEST(Palettize, CustomSeesSwappedGroupsAndPlacesIndices) {
  // (3, 4, 5) grouped by 2 along axis 1: the function sees swapaxes(0, 1) of
  // each (3, 2, 5) slice, i.e. shape (2, 3, 5), element (c, a, b) =
  // W[a, 2g + c, b]. It returns the group number as LUT entry 0, and index 0
  // or 1 by position parity.
  std::vector<int64_t> shape = {3, 4, 5};
  std::vector<float> w(60);
  std::iota(w.begin(), w.end(), 0.0f);
  std::vector<std::vector<float>> seen;
  PalettizeSpec spec;
  spec.mode = PalettizeMode::Custom;
  spec.channelAxis = 1;
  spec.groupSize = 2;
  spec.lutFunction = [&](llvm::ArrayRef<float> group,
                         llvm::ArrayRef<int64_t> groupShape, unsigned dim,
                         std::vector<float> &lut,
                         std::vector<uint32_t> &indices) {
    EXPECT_EQ(groupShape.vec(), (std::vector<int64_t>{2, 3, 5}));
    EXPECT_EQ(dim, 1u);
    seen.push_back(group.vec());
    lut = {static_cast<float>(seen.size() - 1), 100};
    indices.resize(group.size());
    for (size_t i = 0; i < group.size(); ++i)
      indices[i] = i % 2;
    return Status::success();
  };
  PalettizeResult r;
  ASSERT_TRUE(palettize(ref(w, ElemType::Float32, shape), spec, r).ok);
  ASSERT_EQ(seen.size(), 2u);
  for (int g = 0; g < 2; ++g)
    for (int c = 0; c < 2; ++c)
      for (int a = 0; a < 3; ++a)
        for (int b = 0; b < 5; ++b)
          EXPECT_EQ(seen[g][(c * 3 + a) * 5 + b],
                    w[(a * 4 + 2 * g + c) * 5 + b]);
  EXPECT_EQ(r.nbits, 1u);
  EXPECT_EQ(r.lutShape, (std::vector<int64_t>{1, 2, 1, 2, 1}));
  EXPECT_EQ(lutAs<float>(r), (std::vector<float>{0, 100, 1, 100}));
  // Index of W[a, 2g + c, b] is the parity of its swapped position.
  for (int a = 0; a < 3; ++a)
    for (int ch = 0; ch < 4; ++ch)
      for (int b = 0; b < 5; ++b) {
        int c = ch % 2;
        EXPECT_EQ(r.indices[(a * 4 + ch) * 5 + b], ((c * 3 + a) * 5 + b) % 2);
      }
}

TEST(Palettize, CustomLargestValuesLut) {
  // 5.11 item 85: LUT = [0] + the 15 largest values, nearest indices.
  std::vector<uint16_t> w = randomHalves(32 * 64 * 2 * 2, 8, 0.02f);
  std::vector<int64_t> shape = {32, 64, 2, 2};
  PalettizeSpec spec;
  spec.mode = PalettizeMode::Custom;
  spec.lutFunction = [](llvm::ArrayRef<float> group, llvm::ArrayRef<int64_t>,
                        unsigned, std::vector<float> &lut,
                        std::vector<uint32_t> &indices) {
    std::set<float> values(group.begin(), group.end());
    lut = {0.0f};
    for (auto it = values.rbegin(); lut.size() < 16; ++it)
      lut.push_back(*it);
    indices.resize(group.size());
    for (size_t i = 0; i < group.size(); ++i) {
      uint32_t best = 0;
      for (uint32_t j = 1; j < 16; ++j)
        if (std::fabs(group[i] - lut[j]) < std::fabs(group[i] - lut[best]))
          best = j;
      indices[i] = best;
    }
    return Status::success();
  };
  PalettizeResult r;
  ASSERT_TRUE(palettize(ref(w, ElemType::Float16, shape), spec, r).ok);
  EXPECT_EQ(r.nbits, 4u);
  EXPECT_EQ(r.lutShape, (std::vector<int64_t>{1, 1, 1, 1, 16, 1}));
  std::vector<float> out = decompress(r, ElemType::Float16);
  float largest = *std::max_element(out.begin(), out.end());
  float wMax = 0;
  for (uint16_t h : w)
    wMax = std::max(wMax, halfToFloat(h));
  EXPECT_EQ(largest, wMax);
}

TEST(Palettize, CustomErrors) {
  std::vector<float> w(8, 1.0f);
  std::vector<int64_t> shape = {8};
  PalettizeSpec spec;
  spec.mode = PalettizeMode::Custom;
  PalettizeResult r;
  spec.lutFunction = [](llvm::ArrayRef<float> g, llvm::ArrayRef<int64_t>,
                        unsigned, std::vector<float> &lut,
                        std::vector<uint32_t> &indices) {
    lut.assign(5, 0); // not a power of two
    indices.assign(g.size(), 0);
    return Status::success();
  };
  Status s = palettize(ref(w, ElemType::Float32, shape), spec, r);
  EXPECT_EQ(s.message, "The lut_function must return 2^k LUT entries with k "
                       "in (1, 2, 3, 4, 6, 8), but got 5.");
  spec.lutFunction = [](llvm::ArrayRef<float> g, llvm::ArrayRef<int64_t>,
                        unsigned, std::vector<float> &lut,
                        std::vector<uint32_t> &indices) {
    lut.assign(4, 0);
    indices.assign(g.size(), 4); // out of range
    return Status::success();
  };
  s = palettize(ref(w, ElemType::Float32, shape), spec, r);
  EXPECT_FALSE(s.ok);
  EXPECT_NE(s.message.find("out of range"), std::string::npos);
  spec.lutFunction = [](llvm::ArrayRef<float>, llvm::ArrayRef<int64_t>,
                        unsigned, std::vector<float> &,
                        std::vector<uint32_t> &) {
    return Status::error("user failure");
  };
  s = palettize(ref(w, ElemType::Float32, shape), spec, r);
  EXPECT_EQ(s.message, "user failure");
  // Different LUT sizes for different groups.
  int calls = 0;
  spec.lutFunction = [&](llvm::ArrayRef<float> g, llvm::ArrayRef<int64_t>,
                         unsigned, std::vector<float> &lut,
                         std::vector<uint32_t> &indices) {
    lut.assign(++calls == 1 ? 2 : 4, 0);
    indices.assign(g.size(), 0);
    return Status::success();
  };
  spec.groupSize = 4;
  s = palettize(ref(w, ElemType::Float32, shape), spec, r);
  EXPECT_FALSE(s.ok);
}

//===----------------------------------------------------------------------===//
// KMEANS
//===----------------------------------------------------------------------===//

TEST(Palettize, KMeansIsTheCastOptimumWithNearestIndices) {
  // Reference: the exact optimum over the distinct fp16 values (what
  // kmeans1d gives coremltools), cast to fp16, with the DP's own assignment.
  // Ours has the same LUT and every index is the nearest entry, so its error
  // can only be lower.
  std::vector<uint16_t> w = randomHalves(20000, 6, 0.02f);
  std::vector<int64_t> shape = {20000};
  PalettizeResult r;
  ASSERT_TRUE(
      run(ref(w, ElemType::Float16, shape), PalettizeMode::KMeans, 4, r).ok);
  std::map<float, double> counts;
  for (uint16_t h : w)
    counts[halfToFloat(h)] += 1;
  std::vector<double> values, weights;
  for (auto [v, c] : counts) {
    values.push_back(v);
    weights.push_back(c);
  }
  std::vector<double> centroids;
  std::vector<uint32_t> assignment;
  kmeans1DOptimal(values, weights, 16, centroids, assignment);
  std::vector<uint16_t> lut = lutAs<uint16_t>(r);
  for (int j = 0; j < 16; ++j)
    EXPECT_EQ(lut[j], doubleToHalf(centroids[j]));
  double reference = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    double d = values[i] - halfToFloat(lut[assignment[i]]);
    reference += weights[i] * d * d;
  }
  std::vector<float> original;
  for (uint16_t h : w)
    original.push_back(halfToFloat(h));
  std::vector<float> out = decompress(r, ElemType::Float16);
  EXPECT_LE(mse(original, out), reference / w.size());
  for (size_t i = 0; i < w.size(); ++i) {
    float v = original[i];
    for (int j = 0; j < 16; ++j)
      ASSERT_LE(std::fabs(v - out[i]), std::fabs(v - halfToFloat(lut[j])));
  }
}

TEST(Palettize, KMeansFewValuesKeepsThemAndZeroPads) {
  std::vector<float> values = {-1.5f, 0.25f, 3.0f, 7.0f, 0.25f};
  std::vector<uint16_t> w;
  for (int i = 0; i < 50; ++i)
    w.push_back(floatToHalf(values[i % 5]));
  std::vector<int64_t> shape = {5, 10};
  PalettizeResult r;
  ASSERT_TRUE(
      run(ref(w, ElemType::Float16, shape), PalettizeMode::KMeans, 3, r).ok);
  EXPECT_EQ(lutAs<uint16_t>(r), halves({-1.5f, 0.25f, 3.0f, 7.0f, 0, 0, 0, 0}));
  std::vector<float> original;
  for (uint16_t h : w)
    original.push_back(halfToFloat(h));
  EXPECT_EQ(decompress(r, ElemType::Float16), original);
}

TEST(Palettize, KMeansFp32ExactAndBinned) {
  // Up to 2^18 elements fp32 is exact; above, 65536 bins + Lloyd: within the
  // documented bound of the optimum (here far inside it).
  for (size_t n : {size_t(50000), size_t(300000)}) {
    std::mt19937_64 rng(n);
    std::normal_distribution<float> normal(0, 1);
    std::vector<float> w(n);
    for (float &x : w)
      x = normal(rng);
    std::vector<int64_t> shape = {static_cast<int64_t>(n)};
    PalettizeResult r;
    ASSERT_TRUE(
        run(ref(w, ElemType::Float32, shape), PalettizeMode::KMeans, 4, r).ok);
    double ours = mse(w, decompress(r, ElemType::Float32));
    std::vector<double> values(w.begin(), w.end());
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    std::vector<double> weights(values.size(), 1.0);
    std::map<float, int> multiplicity;
    for (float x : w)
      ++multiplicity[x];
    for (size_t i = 0; i < values.size(); ++i)
      weights[i] = multiplicity[static_cast<float>(values[i])];
    std::vector<double> centroids;
    std::vector<uint32_t> assignment;
    double optimum =
        kmeans1DOptimal(values, weights, 16, centroids, assignment) / n;
    EXPECT_GE(ours, optimum * (1 - 1e-6)) << n;
    EXPECT_LE(ours, optimum * (n <= (1 << 18) ? 1 + 1e-6 : 1 + 1e-3)) << n;
  }
}

TEST(Palettize, KMeansIndependentOfThreadCount) {
  // One big group (chunked histogram and index writes) and many groups.
  std::vector<uint16_t> w = randomHalves(1 << 20, 12, 0.02f);
  for (int64_t group : {int64_t(0), int64_t(16)}) {
    std::vector<int64_t> shape = {1024, 1024};
    PalettizeResult parallel, serial;
    ASSERT_TRUE(run(ref(w, ElemType::Float16, shape), PalettizeMode::KMeans, 4,
                    parallel, 0, group)
                    .ok);
    serially([&] {
      ASSERT_TRUE(run(ref(w, ElemType::Float16, shape), PalettizeMode::KMeans,
                      4, serial, 0, group)
                      .ok);
    });
    EXPECT_EQ(parallel.lut, serial.lut);
    EXPECT_EQ(parallel.indices, serial.indices);
  }
}

//===----------------------------------------------------------------------===//
// UNIFORM
//===----------------------------------------------------------------------===//

TEST(Palettize, UniformConstantGroupRoundTrips) {
  // (max - min) == 0: every LUT entry is min, indices 0 (numpy's NaN cast).
  std::vector<uint16_t> w(12, floatToHalf(0.75f));
  std::vector<int64_t> shape = {3, 4};
  PalettizeResult r;
  ASSERT_TRUE(
      run(ref(w, ElemType::Float16, shape), PalettizeMode::Uniform, 2, r).ok);
  EXPECT_EQ(lutAs<uint16_t>(r), std::vector<uint16_t>(4, floatToHalf(0.75f)));
  EXPECT_EQ(r.indices, std::vector<uint8_t>(12, 0));
}

TEST(Palettize, UniformRoundsEachFp16Step) {
  // Brute-force the fp16 formula for every element of a random weight.
  std::vector<uint16_t> w = randomHalves(5000, 13, 0.05f);
  std::vector<int64_t> shape = {5000};
  PalettizeResult r;
  ASSERT_TRUE(
      run(ref(w, ElemType::Float16, shape), PalettizeMode::Uniform, 6, r).ok);
  auto r16 = [](float v) { return halfToFloat(floatToHalf(v)); };
  float lo = 1e9f, hi = -1e9f;
  for (uint16_t h : w) {
    lo = std::min(lo, halfToFloat(h));
    hi = std::max(hi, halfToFloat(h));
  }
  float range = r16(hi - lo);
  for (size_t i = 0; i < w.size(); ++i) {
    float t = r16(r16(r16(halfToFloat(w[i]) - lo) / range) * 63.0f);
    ASSERT_EQ(r.indices[i], static_cast<uint8_t>(std::nearbyint(t))) << i;
  }
  std::vector<uint16_t> lut = lutAs<uint16_t>(r);
  double step = static_cast<double>(range) / 63;
  for (int k = 0; k < 64; ++k)
    EXPECT_EQ(lut[k], doubleToHalf(k * step + lo));
}

TEST(Palettize, IntegerWeightsForJointCompression) {
  // int8 widened to int32 as coremltools does: float64 index math, the
  // float64 LUT truncated towards zero.
  std::vector<int8_t> w = {-3, -2, -1, 0, 1, 2, 3, 4};
  std::vector<int64_t> shape = {8};
  PalettizeResult r;
  ASSERT_TRUE(
      run(ref(w, ElemType::Int8, shape), PalettizeMode::Uniform, 2, r).ok);
  // step 7/3: -3, -0.67 -> 0 (not -1), 1.67 -> 1, 4.
  EXPECT_EQ(lutAs<int8_t>(r), (std::vector<int8_t>{-3, 0, 1, 4}));
  // round((v + 3) / 7 * 3): 0, 0.43, 0.86, 1.29, 1.71, 2.14, 2.57, 3.
  EXPECT_EQ(r.indices, (std::vector<uint8_t>{0, 0, 1, 1, 2, 2, 3, 3}));
  // KMEANS clusters the integers exactly when they fit.
  ASSERT_TRUE(
      run(ref(w, ElemType::Int8, shape), PalettizeMode::KMeans, 3, r).ok);
  EXPECT_EQ(lutAs<int8_t>(r), w);
  // ... and rounds centroids to integers otherwise.
  ASSERT_TRUE(
      run(ref(w, ElemType::Int8, shape), PalettizeMode::KMeans, 2, r).ok);
  EXPECT_EQ(lutAs<int8_t>(r), (std::vector<int8_t>{-2, 0, 2, 4}));
  std::vector<uint8_t> u = {200, 3, 200, 7, 3};
  std::vector<int64_t> five = {5};
  ASSERT_TRUE(
      run(ref(u, ElemType::UInt8, five), PalettizeMode::Unique, 0, r).ok);
  EXPECT_EQ(lutAs<uint8_t>(r), (std::vector<uint8_t>{3, 7, 200, 0}));
  EXPECT_EQ(r.indices, (std::vector<uint8_t>{2, 0, 2, 1, 0}));
}

//===----------------------------------------------------------------------===//
// Per-channel scale, fp16 rounding helper
//===----------------------------------------------------------------------===//

TEST(Palettize, PerChannelScale) {
  // 3.3.7: the maximum is taken across the channel axis.
  std::vector<float> w = {1, -4, 0, 2, 2, 0};
  std::vector<int64_t> shape = {2, 3};
  std::vector<uint8_t> scaled, scale;
  std::vector<int64_t> scaleShape;
  ASSERT_TRUE(perChannelScale(ref(w, ElemType::Float32, shape), 0, scaled,
                              scaleShape, scale)
                  .ok);
  EXPECT_EQ(scaleShape, (std::vector<int64_t>{1, 3}));
  std::vector<float> s(3), q(6);
  std::memcpy(s.data(), scale.data(), 12);
  std::memcpy(q.data(), scaled.data(), 24);
  EXPECT_EQ(s, (std::vector<float>{2, 4, 1})); // zero max -> 1
  EXPECT_EQ(q, (std::vector<float>{0.5f, -1, 0, 1, 0.5f, 0}));
  // fp16, axis 1 of a (2, 2, 2) weight: W / s rounded to fp16.
  std::vector<uint16_t> h = halves({1, 3, -3, 1, 2, 0, 0.5f, 0});
  std::vector<int64_t> cube = {2, 2, 2};
  ASSERT_TRUE(perChannelScale(ref(h, ElemType::Float16, cube), 1, scaled,
                              scaleShape, scale)
                  .ok);
  EXPECT_EQ(scaleShape, (std::vector<int64_t>{2, 1, 2}));
  std::vector<uint16_t> s16(4), q16(8);
  std::memcpy(s16.data(), scale.data(), 8);
  std::memcpy(q16.data(), scaled.data(), 16);
  EXPECT_EQ(s16, halves({3, 3, 2, 1}));
  EXPECT_EQ(q16[0], floatToHalf(1.0f / 3.0f));
  EXPECT_EQ(q16[2], floatToHalf(-1.0f));
  EXPECT_EQ(q16[4], floatToHalf(1.0f));
  EXPECT_EQ(q16[6], floatToHalf(0.25f));
  std::vector<int8_t> ints = {1, 2};
  std::vector<int64_t> two = {2};
  EXPECT_FALSE(perChannelScale(ref(ints, ElemType::Int8, two), 0, scaled,
                               scaleShape, scale)
                   .ok);
}

TEST(Palettize, DoubleToHalfRoundsOnce) {
  // Just above the midpoint between 1 and 1 + 2^-10: fp32 would first round
  // to the midpoint, then to even (1.0).
  double d = 1 + std::ldexp(1.0, -11) + std::ldexp(1.0, -40);
  EXPECT_EQ(doubleToHalf(d), 0x3C01);
  EXPECT_EQ(floatToHalf(static_cast<float>(d)), 0x3C00);
  EXPECT_EQ(doubleToHalf(1 + std::ldexp(1.0, -11)), 0x3C00); // tie to even
  EXPECT_EQ(doubleToHalf(65519.0), 0x7BFF);
  EXPECT_EQ(doubleToHalf(65520.0), 0x7C00);
  EXPECT_EQ(doubleToHalf(-std::ldexp(1.0, -25)), 0x8000); // tie to even 0
  EXPECT_EQ(doubleToHalf(std::ldexp(3.0, -26)), 0x0001);
  EXPECT_EQ(doubleToHalf(std::ldexp(1023.5, -24)), 0x0400); // to normal
  std::mt19937_64 rng(1);
  std::uniform_int_distribution<uint32_t> bits;
  for (int i = 0; i < 100000; ++i) {
    uint32_t b = bits(rng);
    float f;
    std::memcpy(&f, &b, 4);
    if (std::isnan(f))
      continue;
    ASSERT_EQ(doubleToHalf(f), floatToHalf(f)) << std::hex << b;
  }
}

} // namespace
