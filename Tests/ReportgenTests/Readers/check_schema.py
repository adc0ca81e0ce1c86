"""Checks recipes, converted to JSON, against `reportgen schema` with a real JSON Schema
validator, as an editor with yaml-language-server would: python3 check_schema.py SCHEMA
RECIPE.json... Prints one line per error (file, place in the recipe, message) and exits 1 if
any."""
import json
import sys

import jsonschema


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        schema = json.load(file)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failed = False
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as file:
            recipe = json.load(file)
        for error in sorted(validator.iter_errors(recipe), key=lambda e: list(map(str, e.absolute_path))):
            # Of the alternatives of a oneOf (the plugins of a kind), report the one the value
            # meant: the deepest, most specific error, as editors do.
            best = jsonschema.exceptions.best_match([error])
            place = "/".join(str(part) for part in best.absolute_path)
            print(f"{path}: /{place}: {best.message}")
            failed = True
    sys.exit(1 if failed else 0)


main()
