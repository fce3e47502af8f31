"""Whole legacy programs built from templates of how real projects call the nine methods.

hypothesmith's programs exercise the grammar; these exercise the shapes the codemod meets in
practice: a model built at module level, in ``__init__`` or in a factory; the call at module
level, in a helper, in a wrapper class, in a loop, in ``try``/``except``, in notebook cells, in
a ``main()``; arguments spread over lines with comments; ``inference_params`` literal, bound
to a variable or built in a helper; ``input_type`` literal or a constant; and the response
read the common ways (text, concepts, regions, status checks, guards, stream items). Every
program is runnable against the echo endpoint of ``tests/differential``: each model is used
with an input type and method it serves.

One builder, two ways to make choices: :func:`realistic_program` (a hypothesis strategy, for
shrinking) and :func:`program_from_seed` (a ``random.Random``, for the long run's counts).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable, Dict, List, Sequence, Tuple, TypeVar

from hypothesis import strategies as st

__all__ = ["GeneratedProgram", "build_program", "program_from_seed", "realistic_program"]

T = TypeVar("T")
Choose = Callable[[Sequence[T]], T]


@dataclass(frozen=True)
class ModelChoice:
    url: str
    input_type: str
    kinds: Tuple[str, ...]
    reads: Tuple[str, ...]  # which response reads make sense (text / concepts / regions)
    params: Tuple[str, ...]  # inference_params literals this model accepts ("" = none)


_MODELS: Tuple[ModelChoice, ...] = (
    ModelChoice(
        "https://clarifai.com/openai/chat-completion/models/gpt-4o",
        "text",
        ("predict", "generate", "stream"),
        ("text",),
        ("", "{'temperature': 0.2, 'max_tokens': 64}", "{'max_tokens': 100}"),
    ),
    ModelChoice(
        "https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct",
        "image",
        ("predict", "generate", "stream"),
        ("text",),
        ("", "{'prompt': 'What is in this picture?'}"),
    ),
    ModelChoice(
        "https://clarifai.com/clarifai/main/models/general-image-recognition",
        "image",
        ("predict",),
        ("concepts",),
        ("",),
    ),
    ModelChoice(
        "https://clarifai.com/clarifai/main/models/general-image-detection",
        "image",
        ("predict",),
        ("regions", "concepts", "text"),
        ("", "{'min_value': 0.3}"),
    ),
    ModelChoice(
        "https://clarifai.com/openai/whisper/models/whisper-large-v3",
        "audio",
        ("predict", "generate", "stream"),
        ("text",),
        ("",),
    ),
    ModelChoice(
        "https://clarifai.com/clarifai/main/models/general-video-recognition",
        "video",
        ("predict", "generate"),
        ("text",),
        ("",),
    ),
)

_FILES = {"text": "prompt.txt", "image": "dog.jpg", "audio": "tone.wav", "video": "clip.mp4"}
_URLS = {
    "image": "https://samples.clarifai.com/dog.jpg",
    "video": "https://samples.clarifai.com/clip.mp4",
    "audio": "https://samples.clarifai.com/tone.wav",
}


def _single_values(input_type: str, source: str) -> List[str]:
    name = _FILES[input_type]
    if source == "url":
        return [repr(_URLS[input_type]), "MEDIA_URL"]
    if source == "bytes":
        values = [f"open({name!r}, 'rb').read()", "payload"]
        if input_type == "text":
            values += ["PROMPT.encode()", "b'What is the capital of France?'"]
        return values
    return [repr(name), f"os.path.join(HERE, {name!r})"]


def _stream_values(input_type: str, source: str) -> List[str]:
    (one, *_) = _single_values(input_type, source)
    if source == "filepath":
        return [f"[{one}]", f"[{one}, {one}]"]
    return [f"[{one}, {one}]", f"iter([{one}])", f"(item for item in [{one}, {one}])"]


_CONSTRUCTIONS = (
    "Model(url={url}, pat=os.environ['CLARIFAI_PAT'])",
    "Model({url})",
    "Model(url={url})",
    "Model(url={url}, deployment_id='prod-gpu')",
)

_TEXT_READ = "{r}.outputs[0].data.text.raw"
_READS: Dict[str, Tuple[str, ...]] = {
    "text": (
        "print({r}.outputs[0].data.text.raw)",
        "if {r}.outputs and {r}.outputs[0].data.text:\n"
        "    print({r}.outputs[0].data.text.raw.strip())",
        "answer = {r}.outputs[0].data.text.raw  # the reply\nprint('answer:', answer)",
    ),
    "concepts": (
        "for concept in {r}.outputs[0].data.concepts:\n"
        "    print(concept.name, round(concept.value, 3))",
        "print([c.name for c in {r}.outputs[0].data.concepts][:3])",
    ),
    "regions": (
        "for region in {r}.outputs[0].data.regions:\n"
        "    box = region.region_info.bounding_box\n"
        "    print(region.id, box.top_row, box.left_col)",
        "print(len({r}.outputs[0].data.regions), 'regions')",
    ),
}
_STATUS_CHECKS = (
    "",
    "if {r}.status.code != 10000:\n    raise RuntimeError({r}.status.description)",
)
_COMMENTS = ("# ask the model", "# legacy call, to be migrated", "# run inference", "")


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else line for line in text.splitlines())


def _call(choose: Choose, model: ModelChoice, kind: str, receiver: str) -> Tuple[str, str]:
    """The call expression and the input value it uses (for the bindings it needs)."""
    source = choose(
        ("bytes", "filepath") if model.input_type == "text" else ("url", "bytes", "filepath")
    )
    method = f"{kind}_by_{source}"
    value = choose(
        _stream_values(model.input_type, source)
        if kind == "stream"
        else _single_values(model.input_type, source)
    )
    input_type = choose((repr(model.input_type), "INPUT_TYPE"))
    params = choose(model.params)
    keywords = [f"input_type={input_type}"]
    if params:
        key = "output_config" if "min_value" in params else "inference_params"
        keywords.append(f"{key}={choose((params, 'PARAMS'))}")
    layout = choose(("flat", "long", "long-commented"))
    if layout == "flat":
        call = f"{receiver}.{method}({value}, {', '.join(keywords)})"
    else:
        inner = [f"    {value},"] + [f"    {k}," for k in keywords]
        if layout == "long-commented":
            inner = [inner[0] + "  # the input", *inner[1:], "    # routing comes from the Model"]
        call = f"{receiver}.{method}(\n" + "\n".join(inner) + "\n)"
    return call, method


@dataclass(frozen=True)
class GeneratedProgram:
    source: str
    methods: Tuple[str, ...]

    def files(self) -> Dict[str, bytes]:
        from legacy_compat.testing.http_fixtures import fixture_path

        found = {
            name: fixture_path(name).read_bytes() for name in ("dog.jpg", "tone.wav", "clip.mp4")
        }
        found["prompt.txt"] = b"Summarise: the quick brown fox.\n"
        return found


def build_program(choose: Choose) -> GeneratedProgram:
    """One realistic legacy program; every choice goes through ``choose``."""
    model = choose(_MODELS)
    kind = choose(model.kinds)
    context = choose(("module", "helper", "wrapper", "loop", "try", "notebook", "main"))
    construction = choose(_CONSTRUCTIONS).format(url="MODEL_URL")
    comment = choose(_COMMENTS)
    status = choose(_STATUS_CHECKS) if kind == "predict" else ""
    read = choose(_READS[choose(model.reads)]) if kind == "predict" else ""
    stream_read = choose(
        (
            "for chunk in {r}:\n    print(chunk.outputs[0].data.text.raw)",
            "print(''.join(part.outputs[0].data.text.raw for part in {r}))",
        )
    )
    header = [
        "import os",
        "",
        "from clarifai.client.model import Model",
        "",
        f"MODEL_URL = {model.url!r}",
        f"INPUT_TYPE = {model.input_type!r}",
        "HERE = os.path.dirname(os.path.abspath(__file__))",
        "PROMPT = 'Write a haiku about gRPC.'",
        f"MEDIA_URL = {_URLS.get(model.input_type, '')!r}",
        f"payload = open({_FILES[model.input_type]!r}, 'rb').read()",
    ]
    params = [p for p in model.params if p]
    if params:
        header.append(f"PARAMS = {params[0]}")

    def body(receiver: str, r: str) -> str:
        call, _ = _call(choose, model, kind, receiver)
        lines = [comment] if comment else []
        lines.append(f"{r} = {call}")
        if kind == "predict":
            if status:
                lines.append(status.format(r=r))
            lines.append(read.format(r=r))
        else:
            lines.append(stream_read.format(r=r))
        return "\n".join(lines)

    code: List[str]
    if context == "module":
        code = [f"model = {construction}", body("model", "response")]
    elif context == "helper":
        code = [
            f"model = {construction}",
            "",
            "",
            "def run(model):",
            _indent(body("model", "result"), "    "),
            "",
            "",
            "run(model)",
        ]
    elif context == "wrapper":
        code = [
            "class ClarifaiClient:",
            '    """Thin wrapper used by the app."""',
            "",
            "    def __init__(self):",
            f"        self.model = {construction}",
            "",
            "    def run(self):",
            _indent(body("self.model", "output"), "        "),
            "",
            "",
            "ClarifaiClient().run()",
        ]
    elif context == "loop":
        code = [
            f"model = {construction}",
            "for attempt in range(2):",
            "    print('attempt', attempt)",
            _indent(body("model", "res"), "    "),
        ]
    elif context == "try":
        code = [
            f"model = {construction}",
            "try:",
            _indent(body("model", "response"), "    "),
            "except Exception as error:  # keep going, report it",
            "    print('failed:', type(error).__name__)",
        ]
    elif context == "notebook":
        code = [
            "# %%",
            f"model = {construction}",
            "",
            "# %% [markdown]",
            "# Now call the model.",
            "",
            "# %%",
            body("model", "pred"),
        ]
    else:
        code = [
            "def main():",
            f"    model = {construction}",
            _indent(body("model", "response"), "    "),
            "",
            "",
            'if __name__ == "__main__":',
            "    main()",
        ]
    source = "\n".join(header) + "\n\n" + "\n".join(code) + "\n"
    return GeneratedProgram(source, (kind,))


def program_from_seed(seed: int) -> GeneratedProgram:
    """The program for ``seed`` (the long run draws these; same seed, same program)."""
    rng = random.Random(seed)
    return build_program(lambda options: options[rng.randrange(len(options))])


@st.composite
def realistic_program(draw: Callable[..., object]) -> GeneratedProgram:
    """A hypothesis strategy over the same programs (choices shrink to the first option)."""
    return build_program(lambda options: draw(st.sampled_from(list(options))))  # type: ignore[return-value]
