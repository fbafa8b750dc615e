// Benchmark baseline only (bench/import.bench.ts): plain firms under their own label and unique id.
CREATE CONSTRAINT bench_plain_firm_id IF NOT EXISTS FOR (f:PlainFirm) REQUIRE f.id IS UNIQUE
