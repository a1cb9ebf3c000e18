"""Full-text candidates for /search, measured on the same entries and the same tokens (issue 11).

Not part of the app: it decides which engine bot/knowledge/fulltext.py is. Each candidate gets
the tokens of bot.knowledge.fulltext.tokens (stemmed words, Chinese bigrams), so the table
compares ranking machinery, latency and update cost, not tokenizers:

- quality: top-3 hit rate and MRR on RELEVANCE (content queries over the shipped entries), plus
  the loose matches that must not come first (LOOSE);
- latency: p50/p99 of one query over the shipped entries plus bench_lookup's 10,000 synthetic ones;
- update: one entry changed and searchable again (the editing work updates per change).

Run: python -m bench.search_candidates
"""

from __future__ import annotations

import functools
import sqlite3
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from bench.bench_lookup import QUERIES, synthetic_terms
from bench.common import percentile
from bot.knowledge.files import DEFAULT_ROOT, load_knowledge
from bot.knowledge.fulltext import WEIGHTS, FullTextIndex, field_texts, query_terms, tokens
from bot.knowledge.models import EntryBase, EntryKind
from bot.knowledge.search import SearchIndex

RELEVANCE: list[tuple[str, set[str]]] = [
    ("vector database", {"term/vector-database", "segment/vector-databases"}),
    ("who makes vector databases", {"segment/vector-databases", "term/vector-database"}),
    (
        "decentralized GPU compute",
        {
            "segment/crypto-gpu-supply",
            "project/akash",
            "project/io-net",
            "term/decentralized-compute-marketplace",
            "project/render",
        },
    ),
    (
        "Yann LeCun",
        {
            "event/lecun-convnet-1989",
            "event/turing-award-2018",
            "event/lenet-5",
            "event/deep-learning-nature-review",
        },
    ),
    ("Bitcoin", {"term/proof-of-work", "term/blockchain"}),
    (
        "Geoffrey Hinton",
        {
            "event/backpropagation",
            "event/nobel-physics-2024",
            "event/turing-award-2018",
            "event/deep-belief-nets",
            "event/alexnet",
        },
    ),
    ("protein folding", {"event/alphafold-2", "event/alphafold", "event/nobel-chemistry-2024"}),
    (
        "expert systems",
        {
            "term/expert-system",
            "event/dendral",
            "event/mycin",
            "event/xcon",
            "event/second-ai-winter",
        },
    ),
    ("AI winter", {"event/lighthill-report", "event/second-ai-winter"}),
    ("zero knowledge machine learning", {"term/zkml", "segment/crypto-zkml"}),
    ("what is ZKML", {"term/zkml", "segment/crypto-zkml"}),
    ("零知识机器学习", {"term/zkml", "segment/crypto-zkml"}),
    ("向量数据库", {"term/vector-database", "segment/vector-databases"}),
    ("去中心化算力", {"term/decentralized-compute-marketplace", "segment/crypto-gpu-supply"}),
    ("英伟达 显卡", {"term/gpu", "segment/ai-hardware", "gpu/rtx-4090", "gpu/h100-sxm"}),
    ("杨立昆", {"event/lecun-convnet-1989", "event/turing-award-2018", "event/lenet-5"}),
    ("人类反馈强化学习", {"term/rlhf", "event/instructgpt"}),
    ("混合专家", {"term/moe", "event/mixtral", "model/mixtral-8x7b"}),
    ("蛋白质结构", {"event/alphafold", "event/alphafold-2", "event/alphafold-3"}),
    ("数据标注", {"term/data-labelling", "segment/training-data"}),
    ("liquid cooling data centre", {"term/liquid-cooling", "segment/energy-cooling"}),
    ("power usage effectiveness", {"term/pue"}),
    ("high bandwidth memory", {"term/hbm"}),
    ("GPU interconnect", {"term/nvlink", "term/infiniband"}),
    ("attention heads", {"term/multi-head-attention", "term/gqa"}),
    ("key value cache", {"term/kv-cache", "term/paged-attention"}),
    ("low rank adaptation", {"term/lora"}),
    ("compute optimal training", {"term/chinchilla-scaling", "event/chinchilla"}),
    ("scaling laws", {"term/scaling-laws", "event/scaling-laws-paper"}),
    ("retrieval augmented generation", {"term/rag"}),
    ("homomorphic encryption", {"term/fhe", "project/zama"}),
    ("trusted execution environment", {"term/tee", "project/phala"}),
    ("data marketplace", {"segment/crypto-data", "project/ocean-protocol"}),
    ("bandwidth sharing", {"segment/crypto-bandwidth", "project/grass"}),
    (
        "autonomous agents token",
        {"segment/crypto-agents", "project/fetch-ai", "project/virtuals-protocol", "term/ai-agent"},
    ),
    ("Bittensor subnets", {"project/bittensor"}),
    (
        "GPU rental marketplace",
        {
            "term/decentralized-compute-marketplace",
            "project/akash",
            "project/io-net",
            "segment/crypto-gpu-supply",
        },
    ),
    ("render network GPU rendering", {"project/render"}),
    ("ChatGPT launch", {"event/chatgpt"}),
    ("Lee Sedol", {"event/alphago"}),
    ("Kasparov chess", {"event/deep-blue"}),
    ("Jeopardy", {"event/ibm-watson-jeopardy"}),
    ("Dartmouth 1956", {"event/dartmouth-workshop"}),
    ("imitation game", {"event/turing-test"}),
    ("handwritten digits", {"event/lenet-5", "event/lecun-convnet-1989"}),
    ("residual connections", {"event/resnet"}),
    ("word embeddings", {"event/word2vec", "term/embedding"}),
    ("open weights model", {"term/open-weights"}),
    ("reasoning model test time compute", {"term/reasoning-model", "event/openai-o1"}),
    ("mixture of experts", {"term/moe"}),
    ("speculative decoding", {"term/speculative-decoding"}),
    ("tokenizer byte pair encoding", {"term/tokenization"}),
    ("proof of stake validators", {"term/proof-of-stake"}),
    ("smart contracts", {"term/smart-contract"}),
    ("oracles chainlink", {"term/oracle"}),
    ("Nobel prize", {"event/nobel-physics-2024", "event/nobel-chemistry-2024"}),
    ("EU regulation", {"event/eu-ai-act", "event/eu-ai-act-gpai-obligations"}),
    ("Deep Learning book", {"event/gan"}),
    ("Bayesian network", {"event/bayesian-networks"}),
    ("Sophia robot citizenship", {"event/sophia-citizenship"}),
]
"""Content queries members type, each with the entries a good answer puts in the top three."""

LOOSE: list[tuple[str, str]] = [
    ("AWS", "event/chinchilla"),
    ("AWS", "term/chinchilla-scaling"),
    ("vector database", "event/alphafold-2"),
    ("Bitcoin", "term/asic"),
    ("Yann LeCun", "term/neural-network"),
]
"""(query, entry) pairs where the entry is a loose match that must not be the first answer."""


class Candidate(Protocol):
    name: str

    def build(self, entries: Sequence[EntryBase]) -> None: ...

    def search(self, query: str, limit: int) -> list[str]: ...

    def update(self, entry: EntryBase) -> None: ...


def _weighted_tokens(entry: EntryBase) -> list[str]:
    """One bag for single-field engines: each field's tokens repeated by its rounded weight."""
    bag: list[str] = []
    for texts, weight in zip(field_texts(entry), WEIGHTS, strict=True):
        field = [t for text in texts for t in tokens(text)]
        bag += field * max(1, round(weight))
    return bag


def _field_strings(entry: EntryBase) -> list[str]:
    return [" ".join(t for text in texts for t in tokens(text)) for texts in field_texts(entry)]


class HandBM25F:
    name = "hand-written BM25F (bot/knowledge/fulltext.py)"

    def build(self, entries: Sequence[EntryBase]) -> None:
        self.index = FullTextIndex()
        for entry in entries:
            self.index.add((entry.kind.value, entry.slug), entry)

    def search(self, query: str, limit: int) -> list[str]:
        return ["/".join(hit.key) for hit in self.index.search(query, limit)]

    def update(self, entry: EntryBase) -> None:
        self.index.add((entry.kind.value, entry.slug), entry)


class CurrentIndex:
    name = "SearchIndex names + text (the /search merge)"

    def build(self, entries: Sequence[EntryBase]) -> None:
        self.index = SearchIndex()
        for entry in entries:
            self.index.add(entry)

    def search(self, query: str, limit: int) -> list[str]:
        best: dict[str, float] = {}
        for hit in [
            *self.index.match_names(query, None, limit),
            *self.index.match_text(query, None, limit),
        ]:
            best[hit.id] = max(best.get(hit.id, -1.0), hit.score)
        return sorted(best, key=lambda i: (-best[i], i))[:limit]

    def update(self, entry: EntryBase) -> None:
        self.index.add(entry)


class Fts5:
    name = "SQLite FTS5, bm25() with column weights"

    def build(self, entries: Sequence[EntryBase]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, name, alias, summary, detail, body,"
            " tokenize = \"unicode61 tokenchars '-.'\")"
        )
        self.db.executemany(
            "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", [self._row(e) for e in entries]
        )
        weights = ", ".join(str(w) for w in WEIGHTS)
        self.sql = f"SELECT id FROM t WHERE t MATCH ? ORDER BY bm25(t, 0, {weights}), id LIMIT ?"

    @staticmethod
    def _row(entry: EntryBase) -> tuple[str, ...]:
        return (entry.id, *_field_strings(entry))

    def search(self, query: str, limit: int) -> list[str]:
        terms = query_terms(query)
        if not terms:
            return []
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        return [row[0] for row in self.db.execute(self.sql, (match, limit))]

    def update(self, entry: EntryBase) -> None:
        with self.db:
            self.db.execute("DELETE FROM t WHERE id = ?", (entry.id,))
            self.db.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", self._row(entry))


class Tantivy:
    name = "tantivy-py, BM25 with field boosts"

    def build(self, entries: Sequence[EntryBase]) -> None:
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        for field in ("name", "alias", "summary", "detail", "body"):
            builder.add_text_field(field, tokenizer_name="whitespace")
        self.schema = builder.build()
        self.index = tantivy.Index(self.schema)
        self.writer = self.index.writer(heap_size=50_000_000, num_threads=1)
        for entry in entries:
            self.writer.add_document(self._doc(entry))
        self.writer.commit()
        self.index.reload()
        self.fields = ["name", "alias", "summary", "detail", "body"]
        self.boosts = dict(zip(self.fields, WEIGHTS, strict=True))

    def _doc(self, entry: EntryBase) -> Any:
        import tantivy

        values = dict(
            zip(["name", "alias", "summary", "detail", "body"], _field_strings(entry), strict=True)
        )
        return tantivy.Document(id=entry.id, **values)

    def search(self, query: str, limit: int) -> list[str]:
        terms = query_terms(query)
        if not terms:
            return []
        text = " ".join('"' + t.replace('"', "") + '"' for t in terms)
        parsed = self.index.parse_query(text, self.fields, field_boosts=self.boosts)
        searcher = self.index.searcher()
        found = searcher.search(parsed, limit).hits
        docs = [(score, searcher.doc(address)["id"][0]) for score, address in found]
        return [i for _, i in sorted(docs, key=lambda sd: (-sd[0], sd[1]))]

    def update(self, entry: EntryBase) -> None:
        self.writer.delete_documents_by_term("id", entry.id)
        self.writer.add_document(self._doc(entry))
        self.writer.commit()
        self.index.reload()


class Bm25s:
    name = "bm25s (one field, tokens repeated by field weight)"

    def build(self, entries: Sequence[EntryBase]) -> None:
        self.entries = {e.id: e for e in entries}
        self._index()

    def _index(self) -> None:
        import bm25s

        self.ids = sorted(self.entries)
        self.model = bm25s.BM25()
        self.model.index([_weighted_tokens(self.entries[i]) for i in self.ids], show_progress=False)

    def search(self, query: str, limit: int) -> list[str]:
        terms = [t for t in query_terms(query) if t in self.model.vocab_dict]
        if not terms:
            return []
        scores = self.model.get_scores(terms)
        ranked = sorted(
            (i for i in range(len(self.ids)) if scores[i] > 0), key=lambda i: (-scores[i], i)
        )
        return [self.ids[i] for i in ranked[:limit]]

    def update(self, entry: EntryBase) -> None:
        self.entries[entry.id] = entry
        self._index()  # bm25s has no per-document update: the sparse matrix is rebuilt


class RankBm25:
    name = "rank_bm25 BM25Okapi (one field, tokens repeated by field weight)"

    def build(self, entries: Sequence[EntryBase]) -> None:
        self.entries = {e.id: e for e in entries}
        self._index()

    def _index(self) -> None:
        from rank_bm25 import BM25Okapi

        self.ids = sorted(self.entries)
        self.model = BM25Okapi([_weighted_tokens(self.entries[i]) for i in self.ids])

    def search(self, query: str, limit: int) -> list[str]:
        terms = query_terms(query)
        if not terms:
            return []
        scores = self.model.get_scores(terms)
        ranked = sorted(
            (i for i in range(len(self.ids)) if scores[i] > 0), key=lambda i: (-scores[i], i)
        )
        return [self.ids[i] for i in ranked[:limit]]

    def update(self, entry: EntryBase) -> None:
        self.entries[entry.id] = entry
        self._index()  # no incremental update either


def quality(candidate: Candidate) -> tuple[float, float, int]:
    """Top-3 hit rate, MRR over the first 10, and how many loose matches came first."""
    top3, rr = 0, 0.0
    for query, wanted in RELEVANCE:
        found = candidate.search(query, 10)
        ranks = [i for i, entry_id in enumerate(found) if entry_id in wanted]
        top3 += bool(ranks and ranks[0] < 3)
        rr += 1.0 / (ranks[0] + 1) if ranks else 0.0
    loose = sum(candidate.search(q, 1)[:1] == [bad] for q, bad in LOOSE)
    return top3 / len(RELEVANCE), rr / len(RELEVANCE), loose


def _timed(call: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _changed(entry: EntryBase, n: int) -> EntryBase:
    summary = entry.summary.model_copy(update={"en": f"{entry.summary.en} Edit {n}."})
    return entry.model_copy(update={"summary": summary})


def main() -> None:
    shipped = load_knowledge(DEFAULT_ROOT).entries
    big = [*shipped, *synthetic_terms(10_000)]
    queries = [q for q in QUERIES if q] + [q for q, _ in RELEVANCE]
    edited = next(e for e in shipped if e.kind is EntryKind.TERM)
    candidates: list[Candidate] = [
        HandBM25F(),
        Fts5(),
        Tantivy(),
        Bm25s(),
        RankBm25(),
        CurrentIndex(),
    ]
    header = [
        "candidate",
        "top-3",
        "MRR",
        "loose first",
        "build 10,264 s",
        "p50 ms",
        "p99 ms",
        "update ms",
    ]
    rows = [header]
    for candidate in candidates:
        candidate.build(shipped)
        top3, mrr, loose = quality(candidate)
        start = time.perf_counter()
        candidate.build(big)
        build = time.perf_counter() - start
        runs = 2 if isinstance(candidate, RankBm25) else 20
        samples = [
            s for q in queries for s in _timed(functools.partial(candidate.search, q, 25), runs)
        ]
        update_runs = 3 if isinstance(candidate, Bm25s | RankBm25) else 50
        updates = [
            s
            for n in range(update_runs)
            for s in _timed(functools.partial(candidate.update, _changed(edited, n)), 1)
        ]
        rows.append(
            [
                candidate.name,
                f"{top3:.0%}",
                f"{mrr:.3f}",
                f"{loose}/{len(LOOSE)}",
                f"{build:.1f}",
                f"{statistics.median(samples):.2f}",
                f"{percentile(samples, 99):.2f}",
                f"{statistics.median(updates):.2f}",
            ]
        )
        print(" | ".join(rows[-1]), flush=True)
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for cells in rows[1:]:
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
