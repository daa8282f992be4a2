#!/usr/bin/env python3
# Where a flash crowd's time goes (issue 11): reads the trace.txt of one `bitswarm run` of a copy of
# validation/cases/flash-crowd.yaml with `trace: true` (one seed, client id 1; peers never leave) and prints
# start-up delays, the seed's copies, distinct pieces over time, upload utilisation per 5 s, the last peer's
# endgame and the idle capacity per phase in file copies.
# Usage: flash-crowd-breakdown.py TRACE [PIECE_KIB=256 [FILE_MIB=16 [SEED_BPS=4e6 [PEER_BPS=1e6]]]]
import sys, collections
a = sys.argv
tr = a[1]; piece_kib = int(a[2]) if len(a) > 2 else 256
F = (int(a[3]) if len(a) > 3 else 16)*1024*1024; P = F // (piece_kib*1024); BLK = 16384; bpp = piece_kib*1024 // BLK
SEED = '1'; us = float(a[4]) if len(a) > 4 else 4e6; u = float(a[5]) if len(a) > 5 else 1e6
first_unchoke = {}; first_block = {}; first_have = {}; have_times = collections.defaultdict(list)
seed_blocks = collections.Counter(); seed_first_send = {}
up = collections.defaultdict(lambda: collections.Counter())  # src -> window -> bytes
done = {}; W = 5.0; got = collections.defaultdict(set); pdone = {}; recv_times = collections.defaultdict(list)
for line in open(tr):
    f = line.split()
    if len(f) < 5: continue
    t = float(f[0]); s, d, k = f[1], f[3], f[4]
    if k == 'unchoke':
        first_unchoke.setdefault(d, t)
    elif k == 'piece':
        pc = int(f[6])
        first_block.setdefault(d, t)
        got[(d, pc)].add(f[7])
        if len(got[(d, pc)]) == bpp and (d, pc) not in pdone:
            pdone[(d, pc)] = t; recv_times[d].append(t)
        up[s][int(t // W)] += BLK
        if s == SEED:
            seed_blocks[pc] += 1
            seed_first_send.setdefault(pc, t)
    elif k == 'have':
        pc = int(f[6])
        key = (s, pc)
        if key not in first_have:
            first_have[key] = t; have_times[s].append(t)
    elif k == 'done':
        done[s] = t
peers = sorted(done, key=lambda p: done[p])
N = len(peers)
KR = max(F*8/us, N*F*8/(us+N*u))
print(f"N={N} pieces={P} KR={KR:.2f} last={max(done.values()):.2f} ratio={max(done.values())/KR:.3f} first={min(done.values()):.2f}")
fu = sorted(first_unchoke.get(p, -1) for p in peers); fb = sorted(first_block[p] for p in peers)
fp = sorted(min(have_times[p]) for p in peers)
print(f"startup: first unchoke median {fu[N//2]:.2f} max {fu[-1]:.2f}; first block median {fb[N//2]:.2f} max {fb[-1]:.2f}; first piece median {fp[N//2]:.2f} max {fp[-1]:.2f}")
tot_seed = sum(seed_blocks.values())/bpp
print(f"seed copies sent: {tot_seed:.1f} pieces = {tot_seed/P:.2f} file copies; pieces sent once {sum(1 for c in seed_blocks.values() if c<=bpp)}/{P}; max copies of one piece {max(seed_blocks.values())/bpp:.1f}")
allsent = max(seed_first_send.values()) if len(seed_first_send)==P else float('nan')
print(f"seed has sent every piece at least once by {allsent:.2f} s (ideal F/u_s = {F*8/us:.2f})")
# distinct pieces held by leechers over time
ev = sorted((t, pc) for (s, pc), t in first_have.items())
seen = set(); marks = {}
for t, pc in ev:
    seen.add(pc)
    for m in (0.5, 0.9, 1.0):
        if len(seen) >= m*P and m not in marks: marks[m] = t
print("distinct pieces among peers reach 50/90/100 %: " + " ".join(f"{marks.get(m,float('nan')):.1f}" for m in (0.5,0.9,1.0)) + f" s (ideal {0.5*F*8/us:.1f} {0.9*F*8/us:.1f} {F*8/us:.1f})")
# upload utilisation per window
lastw = int(max(done.values()) // W)
row_seed=[]; row_peers=[]; row_all=[]
for w in range(lastw+1):
    sb = up[SEED][w]*8/(W*us)
    pb = sum(up[p][w] for p in peers)*8/(W*u*N)
    row_seed.append(sb); row_peers.append(pb); row_all.append((up[SEED][w]+sum(up[p][w] for p in peers))*8/(W*(us+N*u)))
print("seed util per 5 s: " + " ".join(f"{x:.2f}" for x in row_seed))
print("peer util per 5 s: " + " ".join(f"{x:.2f}" for x in row_peers))
print("leechers left     : " + " ".join(str(sum(1 for p in peers if done[p] > w*W)) for w in range(lastw+1)))
# capacity lost: integrate (1 - util) * capacity up to last
T = max(done.values())
sent = sum(sum(up[s].values()) for s in up) * 8
cap = (us + N*u) * T
print(f"bytes on wire {sent/8/F:.2f} file copies (need {N}); capacity until last {cap/8/F:.2f} copies; util {sent/cap:.3f}")
# last peer endgame
lp = peers[-1]; ht = sorted(recv_times[lp])
print(f"last peer {lp}: 50% {ht[P//2-1]:.1f}  90% {ht[int(0.9*P)-1]:.1f}  second-last piece {ht[-2]:.2f}  last {ht[-1]:.2f}  done {done[lp]:.2f}")
# per-peer completion times
print("first piece per peer: " + " ".join(f"{min(recv_times[p]):.1f}" for p in peers))
print("completions: " + " ".join(f"{done[p]:.1f}" for p in peers))
# idle capacity decomposition (in file copies; 1 s bins)
W1 = 1.0; b = collections.Counter()
for line in open(tr):
    f = line.split()
    if len(f) > 4 and f[4] == 'piece':
        b[int(float(f[0]) // W1)] += BLK
first = min(done.values())
def idle(a, z):
    tot = 0.0
    for w in range(int(a), int(z)):
        tot += (us + N*u) * W1 - b[w]*8
    return tot/8/F
ph = [(0, 20), (20, 40), (40, int(first)), (int(first), int(T)+1)]
print("idle capacity (file copies) in " + "; ".join(f"[{a},{z}) s: {idle(a,z):.2f}" for a, z in ph) + f"; duplicates+overhead on the wire: {sent/8/F - N:.2f}; total excess {cap/8/F - N:.2f} = {(cap/8/F - N)/N*100:.1f} % of N copies")
