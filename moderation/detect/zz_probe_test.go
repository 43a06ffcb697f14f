package detect

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

func zzDev() []string {
	f, _ := os.Open("../../../shared/benchmarks/stories-dev/stories.jsonl")
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	var out []string
	for sc.Scan() {
		var s struct{ Body string }
		json.Unmarshal(sc.Bytes(), &s)
		out = append(out, s.Body)
	}
	return out
}

func BenchmarkZZSplit(b *testing.B) {
	l := abuseLex()
	bodies := zzDev()
	toks := make([]wtok, 0, 4096)
	unk := unknownWords{}
	for b.Loop() {
		wc := getWordCache(l)
		wc.shareUnknown = true
		for _, s := range bodies {
			toks = splitWordsInto(toks[:0], s, l, unk, wc)
		}
		putWordCache(wc)
	}
}

func BenchmarkZZSplitNoLex(b *testing.B) {
	bodies := zzDev()
	toks := make([]wtok, 0, 4096)
	for b.Loop() {
		for _, s := range bodies {
			toks = splitWordsInto(toks[:0], s, nil, nil, nil)
		}
	}
}

func BenchmarkZZTokenize(b *testing.B) {
	l := abuseLex()
	bodies := zzDev()
	d := &doc{}
	for b.Loop() {
		wc := getWordCache(l)
		for _, s := range bodies {
			d.tokenize(s, wc)
		}
		putWordCache(wc)
	}
}

func BenchmarkZZTokenizeNoWC(b *testing.B) {
	bodies := zzDev()
	d := &doc{}
	for b.Loop() {
		for _, s := range bodies {
			d.tokenize(s, nil)
		}
	}
}
