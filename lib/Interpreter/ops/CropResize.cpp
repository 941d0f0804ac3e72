#include "../OpUtils.h"
void mil::interp::registerCropResizeOps(OpRegistry &) {}
