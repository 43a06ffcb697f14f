package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

func TestSmallLoad(t *testing.T) {
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"--moderators", "5", "--stories", "300", "--claim", "20", "--resend-every", "2", "--timeout", "2m"}, &out, &errb)
	if err != nil {
		t.Fatalf("run: %v\n%s%s", err, out.String(), errb.String())
	}
	for _, want := range []string{"300 accepted", "0 conflicts", "verified: no story leased to two moderators"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output %q lacks %q", out.String(), want)
		}
	}
}

func TestRampAndNegativeFlags(t *testing.T) {
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"--moderators", "4", "--stories", "100", "--claim", "10", "--ramp", "200ms", "--timeout", "2m"}, &out, &errb)
	if err != nil {
		t.Fatalf("run: %v\n%s%s", err, out.String(), errb.String())
	}
	for _, want := range []string{"100 accepted", "first claims p50", "(moderators starting over 200ms)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output %q lacks %q", out.String(), want)
		}
	}
	for _, args := range [][]string{{"--ramp", "-1s"}, {"--think", "-1s"}} {
		if err := run(context.Background(), args, &out, &errb); err == nil || !strings.Contains(err.Error(), "must not be negative") {
			t.Errorf("%v: got %v, want a refusal", args, err)
		}
	}
}

func TestRefusesRemoteServer(t *testing.T) {
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"--server", "http://192.0.2.7:8080", "--server-db", "x.db"}, &out, &errb)
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Errorf("remote server: got %v, want a loopback refusal", err)
	}
}

func TestPct(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	if got := pct(ds, 50); got != 50*time.Millisecond {
		t.Errorf("p50: got %v, want 50ms", got)
	}
	if got := pct(ds, 99); got != 99*time.Millisecond {
		t.Errorf("p99: got %v, want 99ms", got)
	}
}
