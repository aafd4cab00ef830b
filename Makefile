# acct tools: `make demo` and `make test` are the two commands a new user runs.
SHELL := /bin/bash
PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
STRIP ?= strip
TOOLS = capnp-cat acct-filter acct-slice acct-fmt acct-import
MANPAGES = man/capnp-cat.1 man/acct-filter.1 man/acct-slice.1 man/acct-fmt.1 man/acct-import.1 man/acct-records.5
APT_PACKAGES = libcapnp-dev libre2-dev capnproto libzstd-dev libxlsxwriter-dev zstd pkg-config tzdata mandoc python3 python3-venv time libxml2-utils python3-openpyxl libxml2-dev zlib1g-dev jq parallel mariadb-server mariadb-client librsvg2-bin man-db openjdk-17-jre-headless
# Python packages for the tests that run other systems' own code, in a
# virtual environment under the build folder: slapos.core's collector, with
# only the dependencies its collect modules import (the rest, such as
# netifaces and supervisor, serve slapos node and build from source).
VENV = .build/venv
PYTHON_PACKAGES = lxml psutil six jsonschema netaddr xml_marshaller
PYTHON_NO_DEPS = slapos.core==1.26.1
# pyspark, for the test of the Spark job (examples/spark/rollup.py) in
# Spark's local mode, in a virtual environment of its own; Spark 4 runs on
# Debian's Java 17 (openjdk-17-jre-headless above).
SPARK_VENV = .build/spark-venv
SPARK_PACKAGES = pyspark==4.0.5
RELEASE = .build/release
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Where make install puts things (DESTDIR is honoured), and the binaries it
# copies: the release build; the install test passes the debug build's.
BIN ?= $(RELEASE)
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DOCDIR = $(PREFIX)/share/doc/acct-tools
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR = $(PREFIX)/share/fish/vendor_completions.d
COMPLETIONS = $(BIN)/completions

# FoundationEssentials, which swift-argument-parser brings into every tool,
# makes the temporary file of an atomic write with mktemp(3) and then opens
# it with O_CREAT|O_EXCL, retrying, as mkstemp does; the tools never make
# such a write. The linker warns about that one reference on every static
# link of the Swift runtime, and this is the one line the build drops.
MKTEMP_NOTE = /libFoundationEssentials\.a(Data+Writing\.swift\.o).*warning: the use of .mktemp. is dangerous/d

.PHONY: all deps venv spark-venv build completions debug test man-lint demo chart chart-png install install-tree uninstall deb bench examples schema clean fuzz soak tsan

all: build

# Installs the Debian packages that are missing (sudo only when not root).
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# Makes $(VENV) when it is missing or was made for other packages.
venv: deps
	@want="$(PYTHON_PACKAGES) $(PYTHON_NO_DEPS)"; \
	if [ "$$(cat $(VENV)/packages.txt 2>/dev/null)" != "$$want" ]; then \
	  echo "installing into $(VENV): $$want"; \
	  rm -rf $(VENV) && python3 -m venv $(VENV) && \
	  $(VENV)/bin/pip install -q --disable-pip-version-check $(PYTHON_PACKAGES) && \
	  $(VENV)/bin/pip install -q --disable-pip-version-check --no-deps $(PYTHON_NO_DEPS) && \
	  echo "$$want" > $(VENV)/packages.txt; \
	fi

# Makes $(SPARK_VENV) when it is missing or was made for another pyspark.
spark-venv: deps
	@if [ "$$(cat $(SPARK_VENV)/packages.txt 2>/dev/null)" != "$(SPARK_PACKAGES)" ]; then \
	  echo "installing into $(SPARK_VENV): $(SPARK_PACKAGES)"; \
	  rm -rf $(SPARK_VENV) && python3 -m venv $(SPARK_VENV) && \
	  $(SPARK_VENV)/bin/pip install -q --disable-pip-version-check $(SPARK_PACKAGES) && \
	  echo "$(SPARK_PACKAGES)" > $(SPARK_VENV)/packages.txt; \
	fi

# Release binaries that carry the Swift runtime and load Debian's shared
# C libraries (see Package.swift), with no $$ORIGIN run path, then their
# shell completions.
build: deps
	@set -o pipefail; $(SWIFT) build -c release --static-swift-stdlib --disable-local-rpath 2>&1 | sed -e '$(MKTEMP_NOTE)'
	@$(MAKE) --no-print-directory completions BIN=$(RELEASE)

# bash, zsh and fish completions, written by each tool in BIN
# (swift-argument-parser generates them from the options); the bash one
# without its #! line, as it is sourced, never run.
completions:
	@mkdir -p $(COMPLETIONS)
	@set -o pipefail; for t in $(TOOLS); do \
	  $(BIN)/$$t --generate-completion-script bash | sed '1{/^#!/d}' > $(COMPLETIONS)/$$t.bash && \
	  $(BIN)/$$t --generate-completion-script zsh > $(COMPLETIONS)/_$$t && \
	  $(BIN)/$$t --generate-completion-script fish > $(COMPLETIONS)/$$t.fish || exit 1; \
	done

debug: deps
	$(SWIFT) build --build-tests

# XCTest runs the tests; Swift Testing then prints its own "0 tests" line,
# so the run ends with a plain count of what XCTest ran.
test: debug man-lint venv spark-venv
	@set -o pipefail; $(SWIFT) test --skip-build 2>&1 | tee .build/test.log
	@line=$$(grep -E "Executed [0-9]+ tests?," .build/test.log | tail -n 1); \
	total=$$(echo "$$line" | grep -oE "Executed [0-9]+" | grep -oE "[0-9]+"); \
	failed=$$(echo "$$line" | grep -oE "[0-9]+ failures?" | grep -oE "^[0-9]+"); \
	skipped=$$(echo "$$line" | grep -oE "[0-9]+ tests? skipped" | grep -oE "^[0-9]+" || echo 0); \
	echo "$$((total - failed - skipped)) passed, $$failed failed, $$skipped skipped"; \
	test "$$failed" -eq 0

man-lint: deps
	mandoc -Tlint -W warning $(MANPAGES)

demo: build
	@echo '$$ capnp-cat examples/ovc | head -n 3'
	@$(RELEASE)/capnp-cat examples/ovc | head -n 3
	@echo
	@echo '$$ capnp-cat -s "2018-10-02 06:00" -e "2018-10-02 07:00" examples/ovc/1 | wc -l'
	@$(RELEASE)/capnp-cat -s "2018-10-02 06:00" -e "2018-10-02 07:00" examples/ovc/1 | wc -l
	@echo
	@echo '$$ capnp-cat --raw examples/ovc/1/2018/10/1/0/account_capnp.bin | cut -c1-160'
	@$(RELEASE)/capnp-cat --raw examples/ovc/1/2018/10/1/0/account_capnp.bin | cut -c1-160
	@echo
	@echo '$$ capnp-cat examples/ovc | acct-filter -a 7 -s 2018-10-02 -x '"'"'type != "routeros" and vcpus >= 4'"'"' | head -n 3'
	@$(RELEASE)/capnp-cat examples/ovc | $(RELEASE)/acct-filter -a 7 -s 2018-10-02 -x 'type != "routeros" and vcpus >= 4' | head -n 3
	@echo
	@echo '$$ capnp-cat examples/ovc | acct-filter -x '"'"'status = "HALTED"'"'"' -c'
	@$(RELEASE)/capnp-cat examples/ovc | $(RELEASE)/acct-filter -x 'status = "HALTED"' -c
	@echo
	@echo '$$ capnp-cat examples/ovc | acct-filter -x '"'"'type != "routeros"'"'"' | acct-slice --every day --by account,cloudspace |'
	@echo '    acct-fmt -o start,account,cloudspace,records,vcpus_hours,mem_mb_hours,disk_gb_hours,cpu_minutes'
	@$(RELEASE)/capnp-cat examples/ovc | $(RELEASE)/acct-filter -x 'type != "routeros"' | \
	  $(RELEASE)/acct-slice --every day --by account,cloudspace | \
	  $(RELEASE)/acct-fmt -o start,account,cloudspace,records,vcpus_hours,mem_mb_hours,disk_gb_hours,cpu_minutes
	@echo
	@echo '$$ acct-import --from opennebula examples/opennebula/modern-basic.history_records.xml | acct-filter -g 100 | acct-fmt --oneacct'
	@$(RELEASE)/acct-import --from opennebula examples/opennebula/modern-basic.history_records.xml | \
	  $(RELEASE)/acct-filter -g 100 | $(RELEASE)/acct-fmt --oneacct
	@echo
	@$(MAKE) --no-print-directory chart

# The README's picture: the example tree's daily vCPU-hours per account, as
# SVG (the same bytes on every run), then as PNG by librsvg's rsvg-convert.
CHART_TITLE = Daily vCPU-hours per account, routers left out
chart: build
	@echo '$$ capnp-cat examples/ovc | acct-filter -x '"'"'type != "routeros"'"'"' | acct-slice --every day --by account |'
	@echo '    acct-fmt --chart vcpus_hours --series account --title '"'"'$(CHART_TITLE)'"'"' > docs/usage.svg'
	@mkdir -p docs
	@$(RELEASE)/capnp-cat examples/ovc | $(RELEASE)/acct-filter -x 'type != "routeros"' | \
	  $(RELEASE)/acct-slice --every day --by account | \
	  $(RELEASE)/acct-fmt --chart vcpus_hours --series account --title '$(CHART_TITLE)' > docs/usage.svg

chart-png: chart
	rsvg-convert docs/usage.svg -o docs/usage.png

install: build
	@$(MAKE) --no-print-directory install-tree

# What install puts, from BIN without building: the stripped binaries, the
# manual pages, the completions where each shell looks, and under DOCDIR the
# README, the examples and the built-in schema's source at its path in the
# checkout, so that the manual pages' examples run there as they are.
install-tree: completions
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR) $(DESTDIR)$(DOCDIR)
	for t in $(TOOLS); do \
	  install -m 755 $(BIN)/$$t $(DESTDIR)$(BINDIR)/$$t && \
	  $(STRIP) --remove-section=.comment --remove-section=.note $(DESTDIR)$(BINDIR)/$$t || exit 1; \
	done
	install -m 644 $(filter %.1,$(MANPAGES)) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(filter %.5,$(MANPAGES)) $(DESTDIR)$(MANDIR)/man5/
	for t in $(TOOLS); do \
	  install -m 644 $(COMPLETIONS)/$$t.bash $(DESTDIR)$(BASHCOMPDIR)/$$t && \
	  install -m 644 $(COMPLETIONS)/_$$t $(DESTDIR)$(ZSHCOMPDIR)/_$$t && \
	  install -m 644 $(COMPLETIONS)/$$t.fish $(DESTDIR)$(FISHCOMPDIR)/$$t.fish || exit 1; \
	done
	install -m 644 README.md $(DESTDIR)$(DOCDIR)/README.md
	install -d $(DESTDIR)$(DOCDIR)/Sources/CCapnp
	install -m 644 Sources/CCapnp/ovc.capnp $(DESTDIR)$(DOCDIR)/Sources/CCapnp/ovc.capnp
	find examples -type d -exec install -d -m 755 '$(DESTDIR)$(DOCDIR)/{}' ';'
	find examples -type f -exec sh -c 'install -m "$$(test -x "$$1" && echo 755 || echo 644)" "$$1" "$$2/$$1"' \
	  sh '{}' '$(DESTDIR)$(DOCDIR)' ';'

# Removes every file install put (the folders it shares with other
# programs stay).
uninstall:
	for t in $(TOOLS); do \
	  rm -f $(DESTDIR)$(BINDIR)/$$t $(DESTDIR)$(BASHCOMPDIR)/$$t $(DESTDIR)$(ZSHCOMPDIR)/_$$t \
	    $(DESTDIR)$(FISHCOMPDIR)/$$t.fish; \
	done
	for m in $(MANPAGES); do rm -f $(DESTDIR)$(MANDIR)/man$${m##*.}/$${m##*/}; done
	rm -rf $(DESTDIR)$(DOCDIR)

# acct-tools_VERSION_ARCH.deb here, from the release build, checked with
# lintian (see packaging/deb.sh).
deb: APT_PACKAGES += dpkg-dev lintian
deb: build
	BIN=$(RELEASE) MAKE=$(MAKE) packaging/deb.sh

# Times the tools against their peers (capnp convert, pycapnp, jq, mlr,
# DuckDB) on a generated tree of over a million VM-hours and its records
# (made once, kept in bench-data/); DuckDB's Python package goes into a
# virtual environment under the build folder.
BENCH_VENV = .build/bench-venv
bench: build
	@[ -x $(BENCH_VENV)/bin/python ] && $(BENCH_VENV)/bin/python -c 'import duckdb' 2>/dev/null || \
	  { rm -rf $(BENCH_VENV) && python3 -m venv $(BENCH_VENV) && \
	    $(BENCH_VENV)/bin/pip install -q --disable-pip-version-check duckdb; }
	BENCH_VENV=$(BENCH_VENV) python3 bench/bench.py

# Builds the libFuzzer targets in Fuzz/ (libraries compiled with
# -sanitize=fuzzer,address into .build-fuzz) and runs each for FUZZ_SECONDS;
# fails on a crash, a leak or an input slower than 10 s. For an hour each:
#   make fuzz FUZZ_SECONDS=3600 FUZZ_TARGETS="capnp ndjson"
# A failing input is saved under .build-fuzz/artifacts/TARGET/ (see Fuzz/run.sh).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= capnp capnp-raw ndjson time expr opennebula csv archive fastpaths
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_TARGETS="$(FUZZ_TARGETS)" SWIFT=$(SWIFT) Fuzz/run.sh

# The parallel runs (-j) under ThreadSanitizer, in their own build folder
# (.build-tsan): a few minutes cold on two cores, so not part of `make test`.
tsan: deps
	SWIFT=$(SWIFT) scripts/tsan.sh

# Each tool under ulimit -v 256 MB on a 10-million-record stream (made once
# in bench-data/), with its peak RSS; see scripts/soak.sh for the knobs.
soak: build
	BIN=$(RELEASE) scripts/soak.sh

# Remakes the bundled example tree and its totals with the project's generator.
examples: build
	rm -rf examples/ovc
	$(RELEASE)/ovc-gen --out examples/ovc --seed 2 --accounts 3 --cloudspaces 3 --vms 4 --hours 48 \
	  --totals examples/ovc.totals.ndjson

# Regenerates the shim's C++ code for the built-in schema (after a capnp
# upgrade); its header goes under include/, where the builder finds it.
schema: deps
	cd Sources/CCapnp && capnp compile -oc++ ovc.capnp && mv ovc.capnp.c++ ovc.capnp.cpp && mv ovc.capnp.h include/

# Every build product: the build, the fuzz build and its corpus, the
# benchmark corpora, the Debian package.
clean:
	rm -rf .build .build-fuzz bench-data acct-tools_*.deb
