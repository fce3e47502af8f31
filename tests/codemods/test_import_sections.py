"""The import section of an existing import must not depend on the Python running migrate.

On Python 3.9 (no ``sys.stdlib_module_names``) ``import argparse`` was taken for a third-party
import, so new imports were grouped differently there than on 3.10+.
"""

from __future__ import annotations

import pytest

from codemods.engine import migrate_python
from codemods.imports import _STDLIB


@pytest.mark.parametrize("name", ["argparse", "json", "sys", "collections", "typing", "pathlib"])
def test_standard_library_modules_are_known_on_every_python(name: str) -> None:
    assert name in _STDLIB


def test_new_imports_join_their_sections_beside_a_standard_library_import() -> None:
    source = (
        "import argparse\n"
        "\n"
        "from clarifai.client.model import Model\n"
        "\n"
        "model = Model('https://clarifai.com/u/a/models/m')\n"
        "r = model.predict_by_url('https://x/y.jpg', input_type='image')\n"
        "print(r.outputs[0].data.concepts[0].name, argparse)\n"
    )
    new, _ = migrate_python(source)
    assert new.startswith(
        "import argparse\n"
        "\n"
        "from clarifai.client.input import Inputs\n"
        "from clarifai.client.model import Model\n"
    ), new
