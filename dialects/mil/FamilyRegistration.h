//===- FamilyRegistration.h - per-family op registration hooks --*- C++ -*-===//
//
// Part of mil-mlir. Private to the dialect library.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_DIALECT_FAMILYREGISTRATION_H
#define MIL_DIALECT_FAMILYREGISTRATION_H

namespace mil {
class MILDialect;
namespace detail {
#define MIL_FAMILY(Name) void register##Name##Ops(MILDialect &dialect);
#include "MILFamilies.def"
} // namespace detail
} // namespace mil

// Each family's .cpp defines its hook after its generated op classes:
//
//   void mil::detail::registerFooOps(MILDialect &dialect) {
//     dialect.addFamilyOps<
//   #define GET_OP_LIST
//   #include "mil/Dialect/FooOps.cpp.inc"
//         >();
//   }

#endif // MIL_DIALECT_FAMILYREGISTRATION_H
