#include "../OpUtils.h"
void mil::interp::registerNonMaximumSuppressionOps(OpRegistry &) {}
