"""Lists how a .keras file backprop wrote differs in layout from the real Keras 3 file it was loaded from.

Usage: keras-layout.py REAL.keras OURS.keras. Prints a JSON list of differences, each "where: what": zip
entries and their compression, metadata.json keys, per-layer class names, names and config keys (a key
backprop writes must be one the real file has; shared keys must hold equal values) and, in
model.weights.h5, every group and dataset under layers/ (path, shape, dtype and values) and the root vars.
The optimizer's and metrics' state, which backprop does not write, is left out; names are compared as a
sequence (the real InputLayer may be "input_layer_2").
"""
import io
import json
import sys
import zipfile

import h5py
import numpy as np


def norm(v):
    """Drops what differs between Keras releases without changing the model: shared_object_id, a dtype
    written as "float32" (before Keras 3.5) or as a DTypePolicy, the Orthogonal initializer's two names and
    initializer options given as null."""
    if isinstance(v, dict):
        if v.get("class_name") == "DTypePolicy":
            return v["config"]["name"]
        if isinstance(v.get("config"), dict) and "class_name" in v:  # a null option is the default (Keras 3.15 adds input_axes: null)
            v = {**v, "config": {k: x for k, x in v["config"].items() if x is not None}}
        return {k: norm("Orthogonal" if k == "class_name" and x == "OrthogonalInitializer" else x) for k, x in v.items() if k != "shared_object_id"}
    return [norm(x) for x in v] if isinstance(v, list) else v


def tree(data):
    f = h5py.File(io.BytesIO(data), "r")
    out = {}
    f.visititems(lambda k, o: out.__setitem__(k, o[()] if isinstance(o, h5py.Dataset) else None) if k.split("/")[0] in ("layers", "vars") else None)
    return out


def main():
    real, ours = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])
    diffs = []
    entries = lambda z: sorted((i.filename, i.compress_type) for i in z.infolist())
    if entries(real) != entries(ours):
        diffs.append(f"zip: entries {entries(real)} vs {entries(ours)}")
    meta = json.loads(ours.read("metadata.json"))
    for k in json.loads(real.read("metadata.json")):
        if k not in meta:
            diffs.append(f"metadata.json: no {k}")
    rc, oc = json.loads(real.read("config.json")), json.loads(ours.read("config.json"))
    for k in ("module", "class_name", "registered_name"):
        if rc.get(k) != oc.get(k):
            diffs.append(f"config.json: {k} {rc.get(k)!r} vs {oc.get(k)!r}")
    rl, ol = rc["config"]["layers"], oc["config"]["layers"]
    if [(l["class_name"], l["config"]["name"]) for l in rl[1:]] != [(l["class_name"], l["config"]["name"]) for l in ol[1:]]:
        diffs.append("config.json: layer classes or names differ")
    for r, o in zip(rl, ol):
        where = f"config.json {o['class_name']} {o['config'].get('name')}"
        for k in ("module", "registered_name"):
            if r.get(k) != o.get(k):
                diffs.append(f"{where}: {k} {r.get(k)!r} vs {o.get(k)!r}")
        for k, v in o["config"].items():
            if k not in r["config"]:
                diffs.append(f"{where}: key {k} not in the real file")
            elif norm(r["config"][k]) != norm(v) and k != "name":
                diffs.append(f"{where}: {k} {json.dumps(r['config'][k])} vs {json.dumps(v)}")
    rt, ot = tree(real.read("model.weights.h5")), tree(ours.read("model.weights.h5"))
    for k in sorted(set(rt) | set(ot)):
        if k not in ot:
            diffs.append(f"model.weights.h5: no {k}")
        elif k not in rt:
            diffs.append(f"model.weights.h5: extra {k}")
        elif rt[k] is not None and (ot[k] is None or rt[k].shape != ot[k].shape or rt[k].dtype != ot[k].dtype or not np.array_equal(rt[k], ot[k])):
            diffs.append(f"model.weights.h5: {k} differs")
    print(json.dumps(diffs))


main()
