#include "../OpUtils.h"
void mil::interp::registerConvQuantizedOps(OpRegistry &) {}
