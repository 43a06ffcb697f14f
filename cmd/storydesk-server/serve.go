package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"runtime/debug"
	"time"

	"github.com/storydesk/storydesk/moderation/server"
)

var flagHelp = flag.ErrHelp

// serveGCPercent is the server's GOGC unless the environment sets one. A
// replica keeps a few megabytes live, so with Go's default of 100 it
// collected every 2-3 MB allocated: about 20 times a second under the
// load test, 4 times in the 100 ms of a team's first claims, each
// collection stopping the replica's requests for a moment and taking CPU
// from them and the database. At 400 the heap may grow to five times what
// is live (tens of megabytes) between collections.
const serveGCPercent = 400

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address (port 0 picks a free one)")
	db := fs.String("db", defaultDB, "server database: SQLite file or postgres:// URL")
	lease := fs.Duration("lease", server.DefaultLease, "how long a claimed story stays leased")
	cert := fs.String("tls-cert", "", "TLS certificate file (PEM)")
	key := fs.String("tls-key", "", "TLS key file (PEM)")
	insecure := fs.Bool("insecure", false, "allow plain HTTP on a non-loopback address")
	pprofAddr := fs.String("pprof", "", "serve Go profiles (net/http/pprof) on this loopback address, e.g. 127.0.0.1:6060 (off when empty)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		if err == nil {
			fmt.Fprintf(stderr, "serve: unexpected argument %q\n", fs.Arg(0))
			return errUsage
		}
		return flagErr(err)
	}
	if (*cert == "") != (*key == "") {
		return errors.New("serve: --tls-cert and --tls-key go together")
	}
	tls := *cert != ""
	if err := checkAddr(*addr, tls, *insecure); err != nil {
		return err
	}
	if *lease <= 0 {
		return fmt.Errorf("serve: --lease %v: must be positive", *lease)
	}
	if *pprofAddr != "" {
		if err := servePprof(ctx, *pprofAddr, stdout); err != nil {
			return err
		}
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(serveGCPercent)
	}
	store, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	h := server.New(store, server.Options{Lease: *lease, Logger: log})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	scheme := "http"
	if tls {
		scheme = "https"
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute, WriteTimeout: 2 * time.Minute}
	fmt.Fprintf(stdout, "storydesk-server: listening on %s://%s\n", scheme, ln.Addr())
	log.Info("serving", "addr", ln.Addr().String(), "tls", tls, "lease", lease.String())
	done := make(chan error, 1)
	go func() { // exits when the server stops
		if tls {
			done <- srv.ServeTLS(ln, *cert, *key)
		} else {
			done <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	if err := server.Shutdown(srv, 10*time.Second); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	return nil
}

// servePprof serves net/http/pprof on a loopback address until ctx ends.
// Profiles name functions and sizes, never story text, but they are for
// the operator's own machine only.
func servePprof(ctx context.Context, addr string, stdout io.Writer) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || !isLoopback(host) {
		return fmt.Errorf("serve: --pprof %q: must be a loopback address (127.0.0.1:PORT)", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: --pprof: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "storydesk-server: profiles on http://%s/debug/pprof/\n", ln.Addr())
	go srv.Serve(ln) // exits when srv is closed below
	go func() {      // exits with ctx
		<-ctx.Done()
		srv.Close()
	}()
	return nil
}

// checkAddr refuses plain HTTP on anything but a loopback address unless
// insecure is set: tokens and story text must not cross a network in clear.
func checkAddr(addr string, tls, insecure bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("serve: --addr %q: %w", addr, err)
	}
	if tls || insecure || isLoopback(host) {
		return nil
	}
	return fmt.Errorf("serve: --addr %s is not a loopback address: give --tls-cert and --tls-key (or --insecure behind a TLS proxy)", addr)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
