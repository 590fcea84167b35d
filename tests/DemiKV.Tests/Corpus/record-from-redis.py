#!/usr/bin/env python3
"""Records the regression corpus's expected replies from a real redis-server (Debian's 7.0.15).

Usage: record-from-redis.py PORT  (a redis-server listening on 127.0.0.1:PORT). Each case runs on a fresh
connection after FLUSHALL; the reply bytes and whether the server closed the connection are stored next to the
input in protocol-corpus.json, which DemiKV.Tests replays against DemiKV.
"""
import json, socket, sys, time

CASES = {
    "inline-ping": b"PING\r\n",
    "inline-lf-only": b"PING\nPING\n",
    "inline-quotes": b"SET k \"a b\\n\\x41\\\\\"\r\nGET k\r\nECHO 'it\\'s'\r\n",
    "inline-unbalanced": b"PING\r\nSET k \"abc\r\nPING\r\n",
    "inline-quote-then-text": b"ECHO \"ab\"cd\r\n",
    "inline-blank-lines": b"\r\n\r\n   \r\nPING\r\n",
    "multibulk-ping": b"*1\r\n$4\r\nPING\r\n",
    "multibulk-count-zero-and-negative": b"*0\r\n*-1\r\n*1\r\n$4\r\nPING\r\n",
    "multibulk-bad-count": b"PING\r\n*abc\r\nPING\r\n",
    "multibulk-leading-zero-count": b"*01\r\n$4\r\nPING\r\n",
    "multibulk-expected-dollar": b"*1\r\n+PING\r\n",
    "multibulk-negative-bulk": b"*1\r\n$-1\r\n",
    "multibulk-bad-bulk": b"*1\r\n$1x\r\nA\r\n",
    "multibulk-plus-sign": b"*1\r\n$+4\r\nPING\r\n",
    "multibulk-bulk-too-big": b"*1\r\n$536870913\r\n",
    "multibulk-trailer-not-checked": b"*2\r\n$4\r\nECHO\r\n$3\r\nabcXY*1\r\n$4\r\nPING\r\n",
    "multibulk-binary": b"*3\r\n$3\r\nSET\r\n$3\r\nk\x00\xff\r\n$4\r\n\r\n\x00\x01\r\n*2\r\n$3\r\nGET\r\n$3\r\nk\x00\xff\r\n",
    "pipeline-count-too-small": b"*3\r\n$3\r\nSET\r\n$1\r\nn\r\n$1\r\n5\r\nINCR n\r\n*2\r\n$6\r\nINCRBY\r\n$1\r\nn\r\n$2\r\n10\r\nGET n\r\n",
    "pipeline-mixed": b"*3\r\n$3\r\nSET\r\n$1\r\nn\r\n$1\r\n5\r\nINCR n\r\n*3\r\n$6\r\nINCRBY\r\n$1\r\nn\r\n$2\r\n10\r\nGET n\r\nDEL n\r\n",
    "unknown-command": b"FOO bar \"baz qux\"\r\n",
    "unknown-command-long-args": b"NOPE " + b"x" * 150 + b" y\r\n",
    "unknown-command-crlf-in-arg": b"*2\r\n$3\r\nFOO\r\n$4\r\na\r\nb\r\n",
    "wrong-arity": b"GET\r\nSET k\r\nPING a b\r\nLPOP k 1 2\r\nHSET h a\r\nMSET a\r\n",
    "wrong-type": b"LPUSH l a\r\nGET l\r\nINCR l\r\nSADD l x\r\nHGET l f\r\nSET s v\r\nLRANGE s 0 1\r\nSMEMBERS s\r\n",
    "not-an-integer": b"SET s abc\r\nINCR s\r\nINCRBY n 1.5\r\nLRANGE l a 1\r\nEXPIRE s x\r\nSELECT x\r\nLINDEX l x\r\n",
    "overflow": b"SET n 9223372036854775807\r\nINCR n\r\nDECRBY m -9223372036854775808\r\nINCRBY n -1\r\n",
    "set-options": b"SET k v NX XX\r\nSET k v EX 0\r\nSET k v EX 10 PX 1\r\nSET k v KEEPTTL EX 1\r\nSET k v XX\r\nSET k v NX GET\r\nSET k w GET\r\nSET k v EX\r\n",
    "quit": b"PING\r\nQUIT\r\nPING\r\n",
    "select": b"SELECT 0\r\nSELECT 16\r\nSELECT -1\r\n",
    "pop-counts": b"RPUSH l a b c\r\nLPOP l 0\r\nLPOP l -1\r\nRPOP l 2\r\nLPOP missing 2\r\nLPOP missing\r\nSPOP s 2\r\nSPOP s\r\n",
    "expire-options": b"SET k v\r\nEXPIRE k 10 NX XX\r\nEXPIRE k 10 GT LT\r\nEXPIRE k 10 FOO\r\nEXPIRE k 10 GT\r\nEXPIRE k 10 LT\r\nTTL k\r\nPERSIST k\r\nTTL k\r\nTTL nope\r\n",
    "empty-bulk-args": b"*3\r\n$3\r\nSET\r\n$0\r\n\r\n$0\r\n\r\n*2\r\n$3\r\nGET\r\n$0\r\n\r\n",
}


def run(port, data):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"FLUSHALL\r\n")
    assert s.recv(100) == b"+OK\r\n"
    s.sendall(data)
    s.settimeout(0.5)
    reply, closed = b"", False
    deadline = time.time() + 2
    while time.time() < deadline:
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            break
        if not chunk:
            closed = True
            break
        reply += chunk
    s.close()
    return reply, closed


port = int(sys.argv[1])
corpus = []
for name, data in CASES.items():
    reply, closed = run(port, data)
    corpus.append({"name": name, "input": data.decode("latin-1"), "reply": reply.decode("latin-1"), "closed": closed})
with open("protocol-corpus.json", "w") as f:
    json.dump(corpus, f, indent=1)
print(len(corpus), "cases recorded")
