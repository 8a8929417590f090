"""Hugging Face seq2seq checkpoints, offline first: locate, load, place on a device, quantise.

A model is a local directory (``save_pretrained`` output) or a hub id such as
``"sshleifer/distilbart-cnn-6-6"``. Nothing is downloaded unless the caller opts in with
``allow_download=True`` *and* ``HF_HUB_OFFLINE`` is not set; otherwise a hub id must already be in the
local Hugging Face cache, and a missing one fails at once (no network call, no retries) with a
:class:`~newsml.errors.ModelError` that says how to get the weights.

>>> locate("newsml-docs/no-such-model")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
newsml.errors.ModelError: model 'newsml-docs/no-such-model' is not available offline: ...

torch and transformers are imported only inside the functions that need them.
"""

from __future__ import annotations

import os
import re
import warnings
from collections import OrderedDict
from pathlib import Path
from typing import Any

from newsml.errors import ConfigError, ModelError

EXTRA = "pip install 'newsml[abstractive]'"
"""How to install what this module needs."""

DEVICES = ("auto", "cpu", "cuda", "cuda:N", "mps")
"""Accepted device names (``cuda:N`` picks GPU N)."""

QUANTIZE = (None, "int8")
"""Accepted ``quantize`` values: none, or int8 dynamic quantisation of every ``nn.Linear`` (CPU only)."""

_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")
_TRUE = {"1", "on", "yes", "true"}
_CACHE: "OrderedDict[tuple, tuple[Any, Any]]" = OrderedDict()
_CACHE_SIZE = 2


def require() -> None:
    """Raise :class:`ModelError` naming the extra to install when torch or transformers is missing."""
    missing = []
    for name in ("torch", "transformers"):
        try:
            __import__(name)
        except ImportError:
            missing.append(name)
    if missing:
        raise ModelError(f"abstractive summarisation needs {' and '.join(missing)}: {EXTRA}")


def offline() -> bool:
    """Whether the environment forbids network access (``HF_HUB_OFFLINE`` or ``TRANSFORMERS_OFFLINE``)."""
    return any(os.environ.get(name, "").strip().lower() in _TRUE
               for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))


def how_to_get(model: str, use: str = "pass model='{local}' (its path)") -> str:
    """The instructions a missing-model error gives; ``use`` says where the directory goes."""
    local = model.rstrip("/").split("/")[-1]
    return (f"on a machine with network access run `hf download {model} --local-dir {local}` "
            f"(older huggingface_hub: `huggingface-cli download {model} --local-dir {local}`), copy the "
            f"directory here and {use.format(local=local)}; or, where downloads are allowed, set "
            "allow_download=True with HF_HUB_OFFLINE unset")


def locate(model: str, revision: str | None = None, allow_download: bool = False,
           cache_dir: str | Path | None = None, use: str = "pass model='{local}' (its path)") -> str:
    """Return what ``from_pretrained`` should load: a local directory, or a hub id that is cached.

    Raises :class:`ModelError` at once when the weights are not on this machine and downloading is not
    allowed (the default) or ``HF_HUB_OFFLINE`` is set.
    """
    if not isinstance(model, (str, os.PathLike)) or not str(model).strip():
        raise ModelError(f"model must be a local directory or a Hugging Face hub id, not {model!r}")
    text = str(model).strip()
    path = Path(text).expanduser()
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise ModelError(f"model directory {str(path)!r} has no config.json: it is not a saved Hugging Face "
                             "checkpoint (save one with model.save_pretrained(dir) and tokenizer.save_pretrained(dir))")
        return str(path)
    if path.exists():
        raise ModelError(f"model {text!r} is a file; pass the checkpoint's directory or a hub id")
    if not _HUB_ID.match(text) or text.startswith((".", "~")):
        raise ModelError(f"model directory {text!r} does not exist (and it is not a valid hub id)")
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        raise ModelError(f"abstractive summarisation needs transformers and huggingface_hub: {EXTRA}") from None
    cached = try_to_load_from_cache(text, "config.json", cache_dir=cache_dir, revision=revision)
    if isinstance(cached, str):
        return text
    if allow_download and not offline():
        return text
    why = ("HF_HUB_OFFLINE/TRANSFORMERS_OFFLINE is set" if allow_download
           else "downloads are off (allow_download=False)")
    raise ModelError(f"model {text!r} is not available offline: there is no directory of that name and it is not "
                     f"in the Hugging Face cache, and {why}. To get it, {how_to_get(text, use)}")


def resolve_device(device: str) -> Any:
    """The ``torch.device`` for a device name (see :data:`DEVICES`); unavailable devices are errors."""
    import torch

    name = str(device).strip().lower()
    cuda_ok = torch.cuda.is_available()
    mps_ok = bool(getattr(torch.backends, "mps", None)) and torch.backends.mps.is_available()
    here = ["cpu"] + (["cuda"] if cuda_ok else []) + (["mps"] if mps_ok else [])
    if name == "auto":
        return torch.device("cuda" if cuda_ok else "mps" if mps_ok else "cpu")
    if name == "cpu":
        return torch.device("cpu")
    if name == "mps":
        if not mps_ok:
            raise ConfigError(f"device 'mps' is not available (torch.backends.mps.is_available() is False); "
                              f"devices available here: {here}")
        return torch.device("mps")
    match = re.fullmatch(r"cuda(?::(\d+))?", name)
    if match:
        if not cuda_ok:
            build = "this torch build has no CUDA" if torch.version.cuda is None else "no GPU is visible"
            raise ConfigError(f"device {device!r} is not available ({build}, torch {torch.__version__}); "
                              f"devices available here: {here}")
        index = int(match.group(1) or 0)
        if index >= torch.cuda.device_count():
            raise ConfigError(f"device {device!r} does not exist: {torch.cuda.device_count()} GPU(s) visible")
        return torch.device("cuda", index)
    raise ConfigError(f"unknown device {device!r}; valid devices are {list(DEVICES)}")


def check_quantize(quantize: str | None, device: str) -> None:
    """Validate a ``quantize`` option for ``device``."""
    if quantize not in QUANTIZE:
        raise ConfigError(f"unknown quantize option {quantize!r}; valid options are {list(QUANTIZE)}")
    if quantize == "int8" and str(device).strip().lower() != "cpu":
        raise ConfigError(f"quantize='int8' (dynamic int8 quantisation) runs on CPU only, not on device "
                          f"{device!r}; use device='cpu' or quantize=None")


def quantize_int8(model: Any) -> Any:
    """Dynamically quantise every ``nn.Linear`` of ``model`` to int8 (weights int8, activations on the fly)."""
    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        from torch.ao.quantization import quantize_dynamic

        return quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)


def load_seq2seq(model: str, revision: str | None = None, allow_download: bool = False, device: str = "cpu",
                 quantize: str | None = None) -> tuple[Any, Any]:
    """Load ``(model, tokenizer)`` for inference: eval mode, on ``device``, optionally int8-quantised.

    The last two loaded checkpoints are kept in memory, so repeated ``newsml.summarize`` calls with the
    same model do not reload it (a checkpoint rewritten on disk is reloaded).
    """
    check_quantize(quantize, device)
    where = locate(model, revision, allow_download)
    require()
    target = resolve_device(device)
    key = (where, _stamp(where), revision, str(target), quantize)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    net, tokenizer = load_pretrained(where, revision, allow_download, display=str(model))
    net.eval()
    net.to(target)
    if quantize == "int8":
        net = quantize_int8(net)
    _CACHE[key] = (net, tokenizer)
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return net, tokenizer


def load_pretrained(where: str, revision: str | None = None, allow_download: bool = False,
                    display: str | None = None) -> tuple[Any, Any]:
    """``AutoModelForSeq2SeqLM`` and ``AutoTokenizer`` from a located checkpoint, with newsml errors."""
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    display = display or where
    local_only = not allow_download or offline()
    try:
        tokenizer = AutoTokenizer.from_pretrained(where, revision=revision, local_files_only=local_only)
        net = AutoModelForSeq2SeqLM.from_pretrained(where, revision=revision, local_files_only=local_only)
    except ValueError as error:
        if "Unrecognized configuration class" in str(error) or "Unrecognized model" in str(error):
            raise ModelError(f"model {display!r} is not a sequence-to-sequence checkpoint; abstractive "
                             "summarisation needs an encoder-decoder model such as BART, PEGASUS, T5 or mBART "
                             f"({str(error).splitlines()[0]})") from None
        raise ModelError(f"cannot load model {display!r}: {error}") from None
    except (OSError, KeyError) as error:
        hint = "" if Path(where).is_dir() else f". To get it, {how_to_get(display)}"
        raise ModelError(f"cannot load model {display!r} from local files: {error}{hint}") from None
    return net, tokenizer


def _stamp(where: str) -> tuple:
    path = Path(where)
    if not path.is_dir():
        return ()
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in path.iterdir() if p.is_file()))
