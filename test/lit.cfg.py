# -*- Python -*-
# lit configuration of mil-mlir's lit tests.

import os

import lit.formats
from lit.llvm import llvm_config

config.name = "MIL"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.mil_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%fixtures", config.mil_fixtures_dir))
config.substitutions.append(("%mil_src_root", config.mil_src_root))
config.substitutions.append(("%mil_obj_root", config.mil_obj_root))

# The vector kernels (AVX2 and F16C, chosen at run time) are in use.
try:
    with open("/proc/cpuinfo") as cpuinfo:
        flags = cpuinfo.read().split()
    if "avx2" in flags and "f16c" in flags:
        config.available_features.add("avx2")
except OSError:
    pass

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
# Scripts under Inputs/ call our tools by name.
llvm_config.with_environment("PATH", config.mil_tools_dir, append_path=True)

tool_dirs = [config.mil_tools_dir, config.llvm_tools_dir]
tools = ["mil-opt", "mil-translate", "mil-synth", "mil-compress", "mil-compare-models",
         "mil-compare-weights", "mil-run"]
llvm_config.add_tool_substitutions(tools, tool_dirs)
