#include "../OpUtils.h"
void mil::interp::registerResizeOps(OpRegistry &) {}
