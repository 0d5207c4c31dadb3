// dlnet_io.py: safetensors reading and writing for the exported package. It
// uses the `safetensors` package when installed and otherwise a small reader
// and writer in plain Python + numpy (the format is an 8-byte header length,
// a JSON header, raw little-endian data). Writes are atomic: a temporary file
// in the same folder, fsync, then rename, so an interrupted save leaves the
// previous file intact.

export const IO_PY = String.raw`# dlnet_io.py, written by ` + "`dlnet export --pytorch`" + String.raw`: safetensors files in dlnet's layout.
# Uses the safetensors package when it is installed, else plain Python + numpy.

import json
import os
import struct
import tempfile

import numpy as np

try:
    from safetensors.numpy import load_file as _st_load, save_file as _st_save
except ImportError:  # the package is optional
    _st_load = _st_save = None

_DTYPES = {"F32": np.float32, "F64": np.float64, "I32": np.int32, "I64": np.int64, "U8": np.uint8, "BOOL": np.bool_}
_NAMES = {np.dtype(v).str: k for k, v in _DTYPES.items()}


def read_safetensors(path):
    """(tensors: dict name -> numpy array, metadata: dict of str)."""
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        raise ValueError(f"{path}: not a safetensors file (too short)")
    (n,) = struct.unpack("<Q", raw[:8])
    if 8 + n > len(raw):
        raise ValueError(f"{path}: not a safetensors file (header length {n} exceeds the file)")
    header = json.loads(raw[8 : 8 + n].decode("utf-8"))
    meta = header.pop("__metadata__", None) or {}
    if _st_load is not None:
        return _st_load(path), meta
    out = {}
    base = 8 + n
    for name, info in header.items():
        dt = _DTYPES.get(info["dtype"])
        if dt is None:
            raise ValueError(f"{path}: tensor '{name}' has unsupported dtype {info['dtype']}")
        b, e = info["data_offsets"]
        out[name] = np.frombuffer(raw[base + b : base + e], dtype=np.dtype(dt).newbyteorder("<")).reshape(info["shape"]).copy()
    return out, meta


def write_safetensors(path, tensors, metadata=None):
    """Writes dict name -> numpy array (or torch tensor) atomically."""
    arrays = {}
    for k, v in tensors.items():
        if hasattr(v, "detach"):
            v = v.detach().cpu().numpy()
        v = np.asarray(v)
        arrays[k] = np.ascontiguousarray(v).reshape(v.shape)  # ascontiguousarray makes a scalar [1]
    meta = {k: str(v) for k, v in (metadata or {}).items()}
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".safetensors", dir=folder)
    os.close(fd)
    try:
        if _st_save is not None:
            _st_save(arrays, tmp, metadata=meta)
        else:
            _write_plain(tmp, arrays, meta)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _write_plain(path, arrays, meta):
    header = {}
    offset = 0
    names = sorted(arrays)
    for k in names:
        a = arrays[k]
        name = _NAMES.get(a.dtype.newbyteorder("<").str if a.dtype.byteorder == ">" else a.dtype.str)
        if name is None:
            raise ValueError(f"tensor '{k}' has unsupported dtype {a.dtype}")
        header[k] = {"dtype": name, "shape": list(a.shape), "data_offsets": [offset, offset + a.nbytes]}
        offset += a.nbytes
    if meta:
        header["__metadata__"] = meta
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for k in names:
            f.write(arrays[k].astype(arrays[k].dtype.newbyteorder("<"), copy=False).tobytes())
`;
