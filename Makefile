# The two commands of the README, and the other everyday ones. Each target installs what it needs first.
#   make demo    install deps, build, store the bundled sample news in build/demo.db and print a brief
#   make test    install deps, build, run every test (unit, golden, dictionary check)
JOBS ?= $(shell nproc)

.PHONY: all deps build demo test asan bench fuzz clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

demo: build
	./build/release/dyad ingest --db build/demo.db data/samples/articles.jsonl
	./build/release/dyad brief CHN USA --db build/demo.db --window 90d

test: build
	ctest --preset release -j $(JOBS)

asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS)

bench: build
	./build/release/dyad bench
	./build/release/src/dyad/text/text_bench
	./build/release/src/dyad/dict/dict_bench

fuzz:
	@scripts/install-deps --fuzz
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)

clean:
	rm -rf build
