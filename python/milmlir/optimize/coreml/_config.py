"""coremltools' compression configs, validated by mil-mlir's config model.

Each class has coremltools' fields, defaults and keyword signature; the
values are checked by the C++ config reader (mil/Pipeline/CompressionConfig.h)
so that the ValueError messages are coremltools' and equal to what
``mil-compress --config`` reports.
"""

import contextlib
import enum
import itertools
import os

from ... import _milmlir

_names = itertools.count()


class CompressionGranularity(enum.Enum):
    PER_TENSOR = 1
    PER_GROUPED_CHANNEL = 2
    PER_CHANNEL = 3
    PER_BLOCK = 4


def _granularity_value(value):
    if isinstance(value, CompressionGranularity):
        return value.name.lower()
    return value


def _dtype_value(value):
    """str, a NumPy type or dtype, or a coremltools MIL type -> a name."""
    if isinstance(value, str):
        return value
    name = getattr(value, "__name__", None)
    try:
        import numpy as np

        if isinstance(value, np.dtype) or (
                isinstance(value, type) and issubclass(value, np.generic)):
            dt = np.dtype(value)
            if dt.kind in "iu":
                return dt.name
            return f"<{dt.name}>"  # refused with the dtype named
    except (ImportError, TypeError):
        pass
    if name:
        # coremltools' types.int8 and friends are classes named like this.
        return {"int8": "int8", "uint8": "uint8", "int4": "int4",
                "uint4": "uint4"}.get(name, name)
    return value


class OpCompressorConfig:
    """Base of the four config classes (coremltools' OpCompressorConfig)."""

    _fields = ()

    def _init(self, **fields):
        native = dict(fields)
        for key in ("granularity",):
            if key in native:
                native[key] = _granularity_value(native[key])
        if "dtype" in native:
            native["dtype"] = _dtype_value(native["dtype"])
        lut_function = native.get("lut_function")
        if lut_function is not None:
            if not callable(lut_function):
                raise ValueError(
                    'A function object must be provided as "lut_function". '
                    f'Got a "lut_function" as type {type(lut_function)}')
            native["lut_function"] = "<callable>"
        normalized = _milmlir.validate_op_config(type(self).__name__, native)
        normalized.pop("config_type", None)
        if lut_function is not None:
            normalized["lut_function"] = lut_function
        object.__setattr__(self, "_normalized", normalized)

    # Attributes as coremltools holds them after its converters.
    def __getattr__(self, name):
        normalized = self.__dict__.get("_normalized")
        if normalized is None or name not in type(self)._fields:
            raise AttributeError(name)
        value = normalized.get(name)
        if name == "mode" and isinstance(value, str):
            return value.upper()
        if name == "granularity" and isinstance(value, str):
            return CompressionGranularity[value.upper()]
        if isinstance(value, list):
            return tuple(value)
        return value

    def __setattr__(self, name, value):
        raise AttributeError(
            f"{type(self).__name__} is immutable; make a new one")

    def __eq__(self, other):
        return type(self) is type(other) and self._normalized == other._normalized

    def __hash__(self):
        return hash((type(self).__name__, repr(self)))

    def __repr__(self):
        fields = ", ".join(f"{k}={getattr(self, k)!r}" for k in self._fields)
        return f"{type(self).__name__}({fields})"

    def as_dict(self):
        """The field dict (``from_dict``'s shape, without config_type)."""
        return {k: v for k, v in self._normalized.items() if k != "lut_function"}

    @classmethod
    def _from_dict(cls, config_dict):
        return cls(**config_dict)

    def _native(self, registry):
        """(class name, field dict) for the C++ config, with a callable
        lut_function registered under a fresh name."""
        fields = dict(self._normalized)
        fn = fields.get("lut_function")
        if fn is not None:
            name = f"milmlir-lut-{next(_names)}"
            _milmlir.register_lut_function(name, fn)
            registry.callback(_milmlir.unregister_lut_function, name)
            fields["lut_function"] = name
        return (type(self).__name__, fields)


class OpLinearQuantizerConfig(OpCompressorConfig):
    _fields = ("mode", "dtype", "granularity", "block_size",
               "weight_threshold")

    def __init__(self, mode="linear_symmetric", dtype="int8",
                 granularity="per_channel", block_size=32,
                 weight_threshold=2048):
        self._init(mode=mode, dtype=dtype, granularity=granularity,
                   block_size=block_size, weight_threshold=weight_threshold)

    @property
    def nbits(self):
        return 4 if self._normalized["dtype"].endswith("4") else 8

    @property
    def signed(self):
        return not self._normalized["dtype"].startswith("u")


class OpPalettizerConfig(OpCompressorConfig):
    _fields = ("mode", "nbits", "lut_function", "granularity", "group_size",
               "channel_axis", "cluster_dim", "enable_per_channel_scale",
               "num_kmeans_workers", "weight_threshold")

    def __init__(self, mode="kmeans", nbits=None, lut_function=None,
                 granularity="per_tensor", group_size=32, channel_axis=None,
                 cluster_dim=1, enable_per_channel_scale=False,
                 num_kmeans_workers=1, weight_threshold=2048):
        self._init(mode=mode, nbits=nbits, lut_function=lut_function,
                   granularity=granularity, group_size=group_size,
                   channel_axis=channel_axis, cluster_dim=cluster_dim,
                   enable_per_channel_scale=enable_per_channel_scale,
                   num_kmeans_workers=num_kmeans_workers,
                   weight_threshold=weight_threshold)

    @classmethod
    def _from_dict(cls, config_dict):
        if "lut_function" in config_dict:
            raise ValueError(
                "_from_dict method does not support lut_function. Please "
                "create the OpPalettizerConfig from scratch.")
        return cls(**config_dict)


class OpThresholdPrunerConfig(OpCompressorConfig):
    _fields = ("threshold", "minimum_sparsity_percentile", "weight_threshold")

    def __init__(self, threshold=1e-12, minimum_sparsity_percentile=0.5,
                 weight_threshold=2048):
        self._init(threshold=threshold,
                   minimum_sparsity_percentile=minimum_sparsity_percentile,
                   weight_threshold=weight_threshold)


class OpMagnitudePrunerConfig(OpCompressorConfig):
    _fields = ("target_sparsity", "block_size", "n_m_ratio", "dim",
               "weight_threshold")

    def __init__(self, target_sparsity=None, block_size=None, n_m_ratio=None,
                 dim=None, weight_threshold=2048):
        self._init(target_sparsity=target_sparsity, block_size=block_size,
                   n_m_ratio=n_m_ratio, dim=dim,
                   weight_threshold=weight_threshold)


_CLASSES = {cls.__name__: cls for cls in (
    OpLinearQuantizerConfig, OpPalettizerConfig, OpThresholdPrunerConfig,
    OpMagnitudePrunerConfig)}


def _check_config(config):
    if config is not None and not isinstance(config, OpCompressorConfig):
        raise ValueError(
            f"config must be type of OpCompressorConfig. Got {type(config)}.")


def _entry(config):
    return None if config is None else (type(config).__name__,
                                        config.as_dict())


class OptimizationConfig:
    """coremltools' OptimizationConfig: a global config, configs by op type
    and by op name (an op name wins over an op type over the global one;
    None means "do not compress")."""

    def __init__(self, global_config=None, op_type_configs=None,
                 op_name_configs=None):
        op_type_configs = dict(op_type_configs or {})
        op_name_configs = dict(op_name_configs or {})
        for config in itertools.chain([global_config],
                                      op_type_configs.values(),
                                      op_name_configs.values()):
            _check_config(config)
        self.global_config = global_config
        self.op_type_configs = op_type_configs
        self.op_name_configs = op_name_configs
        for op_type, config in op_type_configs.items():
            self._validate_op_type(op_type, config)

    @staticmethod
    def _validate_op_type(op_type, config):
        # The C++ config model refuses structural pruning for other op types.
        if config is not None:
            _milmlir.register_config("milmlir-check", None,
                                     [(op_type, _entry(config))], [])
            _milmlir.unregister_config("milmlir-check")

    def set_global(self, op_config):
        _check_config(op_config)
        self.global_config = op_config

    def set_op_type(self, op_type, op_config):
        _check_config(op_config)
        self._validate_op_type(op_type, op_config)
        self.op_type_configs[op_type] = op_config

    def set_op_name(self, op_name, op_config):
        _check_config(op_config)
        self.op_name_configs[op_name] = op_config

    def __eq__(self, other):
        return (isinstance(other, OptimizationConfig)
                and self.global_config == other.global_config
                and self.op_type_configs == other.op_type_configs
                and self.op_name_configs == other.op_name_configs)

    def __repr__(self):
        return (f"OptimizationConfig(global_config={self.global_config!r}, "
                f"op_type_configs={self.op_type_configs!r}, "
                f"op_name_configs={self.op_name_configs!r})")

    @classmethod
    def _from_normalized(cls, normalized):
        def build(entry):
            if entry is None:
                return None
            fields = dict(entry)
            return _CLASSES[fields.pop("config_type")](**fields)

        return cls(
            global_config=build(normalized.get("global_config")),
            op_type_configs={k: build(v) for k, v in
                             (normalized.get("op_type_configs") or {}).items()},
            op_name_configs={k: build(v) for k, v in
                             (normalized.get("op_name_configs") or {}).items()})

    @classmethod
    def from_dict(cls, config_dict):
        """coremltools' from_dict: ``config_type`` and the three levels."""
        return cls._from_normalized(_milmlir.parse_config_dict(config_dict))

    @classmethod
    def from_yaml(cls, yml):
        """A path (str) to a YAML file, or a readable stream of YAML."""
        if isinstance(yml, (str, os.PathLike)):
            return cls._from_normalized(
                _milmlir.parse_config_file(os.fspath(yml)))
        text = yml.read()
        if isinstance(text, bytes):
            text = text.decode()
        return cls._from_normalized(_milmlir.parse_config_yaml(
            text, getattr(yml, "name", "<stream>")))

    @contextlib.contextmanager
    def _registered(self):
        """Registers this config (and its custom LUT functions) for the
        passes; yields the name their ``config`` option takes."""
        with contextlib.ExitStack() as registry:
            name = f"milmlir-config-{next(_names)}"
            _milmlir.register_config(
                name,
                None if self.global_config is None
                else self.global_config._native(registry),
                [(k, None if v is None else v._native(registry))
                 for k, v in self.op_type_configs.items()],
                [(k, None if v is None else v._native(registry))
                 for k, v in self.op_name_configs.items()])
            registry.callback(_milmlir.unregister_config, name)
            yield name
