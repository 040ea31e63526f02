"""A LLaMA-shaped bf16 checkpoint of 1.1 B parameters, sharded: `rmtbook esd` and `rmtbook cpse` against weightwatcher 0.7.7.

One command (see benchmarks/README.md, section "A 1.1 B-parameter checkpoint"):

    .venv/bin/python benchmarks/bench_checkpoint.py

The checkpoint: 22 blocks of hidden size 2048 (q/o projections 2048 x 2048, grouped k/v projections 256 x 2048,
MLP gate/up 5632 x 2048 and down 2048 x 5632, two RMSNorm vectors), an embedding and a head of 32000 x 2048 and a
final norm: 1,100,048,384 parameters in bfloat16, written by a seeded script (item i of rmtbook's 'bench_checkpoint'
streams, N(0, 0.02^2) entries) as 3 shards plus `model.safetensors.index.json` into `.cache/llama-1.1b/` (ignored by
git, written once). Each tool runs in its own process; its wall time and peak resident memory (the child's maxrss)
are measured around it:

- `rmtbook esd FOLDER --format json` and `rmtbook cpse FOLDER --format json` (every 2-D weight);
- weightwatcher 0.7.7's `WeightWatcher(model=FOLDER).analyze()` on the same folder (it reads sharded safetensors
  folders itself), installed into `.cache/weightwatcher-0.7.7` as tests/test_weightwatcher.py does.

`--blocks K` writes a smaller checkpoint of K blocks (a quick run); `--skip-ww` leaves weightwatcher out.
Results: benchmarks/results/bench_checkpoint.json (and the table printed).
"""
import argparse, json, math, os, platform, subprocess, sys, time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
WW = ROOT / '.cache' / 'weightwatcher-0.7.7'


def shapes(blocks, hidden=2048, mlp=5632, kv=256, vocab=32000):
    "Tensor names and shapes of the LLaMA-shaped model, in the order a Hugging Face checkpoint lists them."
    out = [('model.embed_tokens.weight', (vocab, hidden))]
    for b in range(blocks):
        p = f'model.layers.{b}.'
        out += [(p + 'self_attn.q_proj.weight', (hidden, hidden)), (p + 'self_attn.k_proj.weight', (kv, hidden)),
                (p + 'self_attn.v_proj.weight', (kv, hidden)), (p + 'self_attn.o_proj.weight', (hidden, hidden)),
                (p + 'mlp.gate_proj.weight', (mlp, hidden)), (p + 'mlp.up_proj.weight', (mlp, hidden)),
                (p + 'mlp.down_proj.weight', (hidden, mlp)), (p + 'input_layernorm.weight', (hidden,)),
                (p + 'post_attention_layernorm.weight', (hidden,))]
    return out + [('model.norm.weight', (hidden,)), ('lm_head.weight', (vocab, hidden))]


def write_checkpoint(folder, blocks, shards=3, seed=0):
    "The sharded bf16 checkpoint (once: an existing complete folder is kept)."
    import torch
    from safetensors.torch import save_file
    from rmtbook.rng import item_rng
    folder = Path(folder)
    index = folder / 'model.safetensors.index.json'
    if index.exists(): return json.loads(index.read_text())['metadata']['total_parameters']
    folder.mkdir(parents=True, exist_ok=True)
    items = shapes(blocks)
    total = sum(math.prod(s) for _, s in items)
    per_shard, weight_map, shard, size, k = total / shards, {}, {}, 0, 1
    name_of = lambda k: f'model-{k:05d}-of-{shards:05d}.safetensors'
    for i, (name, shape) in enumerate(items):
        if len(shape) == 1: t = torch.ones(shape, dtype=torch.bfloat16)
        else: t = torch.from_numpy(item_rng(seed, i, 'bench_checkpoint').standard_normal(shape, dtype=np.float32) * 0.02).to(torch.bfloat16)
        shard[name], size = t, size + t.numel()
        weight_map[name] = name_of(k)
        if size >= per_shard * k and k < shards or i == len(items) - 1:
            save_file(shard, folder / name_of(k)); shard = {}; k += 1
    index.write_text(json.dumps({'metadata': {'total_size': 2 * total, 'total_parameters': total}, 'weight_map': weight_map}, indent=1))
    return total


WRAPPER = '''
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - t0
print(json.dumps(dict(rc=done.returncode, seconds=seconds, peak_rss=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
                      stdout=done.stdout[-200000:], stderr=done.stderr[-4000:])))
'''

WW_SCRIPT = '''
import sys, time
sys.path.insert(0, sys.argv[1])
import weightwatcher as ww
t0 = time.perf_counter()
df = ww.WeightWatcher(model=sys.argv[2]).analyze()
df.to_csv(sys.argv[3], index=False)
print(f"analyze: {time.perf_counter() - t0:.1f} s, {len(df)} layers")
'''


def measured(cmd):
    "Wall seconds and peak RSS of one command in a process of its own."
    out = subprocess.run([sys.executable, '-c', WRAPPER, *cmd], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--blocks', type=int, default=22, help='transformer blocks (default 22: 1.1 B parameters)')
    p.add_argument('--skip-ww', action='store_true', help='leave weightwatcher out')
    p.add_argument('--out', default=str(ROOT / 'benchmarks' / 'results' / 'bench_checkpoint.json'))
    a = p.parse_args(argv)
    folder = ROOT / '.cache' / ('llama-1.1b' if a.blocks == 22 else f'llama-{a.blocks}-blocks')
    t0 = time.perf_counter()
    total = write_checkpoint(folder, a.blocks)
    print(f"checkpoint: {folder} ({total:,} parameters, bf16, written or found in {time.perf_counter() - t0:.0f} s); "
          f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores")
    exe = str(Path(sys.executable).with_name('rmtbook'))
    rows = {}
    for tool, cmd in (('rmtbook esd', [exe, 'esd', str(folder), '--format', 'json']),
                      ('rmtbook cpse', [exe, 'cpse', str(folder), '--format', 'json'])):
        r = measured(cmd)
        if r['rc']: sys.exit(f"{tool} failed:\n{r['stderr']}")
        rows[tool] = r
        print(f"{tool}: {r['seconds']:.1f} s, peak RSS {r['peak_rss'] / 2**30:.2f} GiB")
    if not a.skip_ww:
        if not (WW / 'weightwatcher').exists():
            subprocess.run([sys.executable, '-m', 'pip', 'install', '--quiet', '--no-deps', '--target', str(WW),
                            'weightwatcher==0.7.7', 'pandas==3.1.1', 'powerlaw==2.0.0'], check=True)
        csv = Path(a.out).with_suffix('.ww.csv')
        r = measured([sys.executable, '-c', WW_SCRIPT, str(WW), str(folder), str(csv)])
        if r['rc']: sys.exit(f"weightwatcher failed:\n{r['stderr']}")
        rows['weightwatcher 0.7.7 analyze()'] = r
        print(f"weightwatcher: {r['seconds']:.1f} s, peak RSS {r['peak_rss'] / 2**30:.2f} GiB ({r['stdout'].strip()})")
        ours = json.loads(rows['rmtbook esd']['stdout'])
        import pandas as pd
        theirs = pd.read_csv(csv)
        rows['agreement'] = agreement(ours, theirs)
        print('agreement with weightwatcher (largest relative difference over layers):', rows['agreement'])
        speed = rows['weightwatcher 0.7.7 analyze()']['seconds'] / rows['rmtbook esd']['seconds']
        memory = rows['rmtbook esd']['peak_rss'] / rows['weightwatcher 0.7.7 analyze()']['peak_rss']
        print(f"rmtbook esd is {speed:.2f}x faster than weightwatcher, at {memory:.2f} of its peak memory")
    for r in rows.values():
        if isinstance(r, dict): r.pop('stdout', None)
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(dict(parameters=total, blocks=a.blocks, machine=platform.machine(),
                                           cores=len(os.sched_getaffinity(0)), results=rows), indent=1))


def agreement(ours, theirs):
    "Per column: layers matched by name, layers where one side is undefined, and the largest relative difference."
    rows = {r['name']: r for r in ours['layers']}
    matched = [(rows[f"{t['longname']}.weight"], t) for _, t in theirs.iterrows() if f"{t['longname']}.weight" in rows]
    out = dict(layers=dict(rmtbook=len(rows), weightwatcher=len(theirs), matched=len(matched)))
    for col in ('N', 'M', 'num_evals', 'matrix_rank', 'num_pl_spikes', 'lambda_max', 'log_norm', 'stable_rank', 'entropy', 'alpha', 'xmin'):
        diffs, undefined = [], 0
        for r, t in matched:
            if r.get(col) is None or t[col] != t[col]: undefined += 1; continue  # null here or NaN there
            diffs.append(abs(r[col] - t[col]) / max(abs(t[col]), 1e-300))
        out[col] = dict(compared=len(diffs), undefined=undefined, max_rel=max(diffs) if diffs else None)
    return out


if __name__ == '__main__':
    main()
