#include "../OpUtils.h"
void mil::interp::registerClassifyOps(OpRegistry &) {}
