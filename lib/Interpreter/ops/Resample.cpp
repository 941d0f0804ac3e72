#include "../OpUtils.h"
void mil::interp::registerResampleOps(OpRegistry &) {}
