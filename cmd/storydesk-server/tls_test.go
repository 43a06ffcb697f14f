package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// selfSigned writes a certificate for 127.0.0.1 and its key as PEM files.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "storydesk test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

func TestServeTLS(t *testing.T) {
	certFile, keyFile, pool := selfSigned(t)
	db := filepath.Join(t.TempDir(), "s.db")
	var o, e syncBuffer
	if err := run(context.Background(), []string{"serve", "--db", db, "--tls-cert", certFile}, &o, &e); err == nil || !strings.Contains(err.Error(), "go together") {
		t.Errorf("cert without key: got %v, want a refusal", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--tls-cert", certFile, "--tls-key", keyFile}, &o, &e)
	}()
	var url string
	for range 200 {
		if s := o.String(); strings.Contains(s, "listening on ") {
			url = strings.TrimSpace(s[strings.Index(s, "listening on ")+len("listening on "):])
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.HasPrefix(url, "https://127.0.0.1:") {
		t.Fatalf("listening on %q, want https://127.0.0.1:...; log %s", url, e.String())
	}
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := hc.Get(url + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Errorf("GET /healthz over TLS: %v, %v; want 200", resp, err)
	} else {
		resp.Body.Close()
	}
	if resp, err := http.Get(strings.Replace(url, "https://", "http://", 1) + "/healthz"); err == nil && resp.StatusCode == 200 {
		t.Errorf("plain http to the TLS port: got 200, want a failure")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve after cancel: %v", err)
	}
}

func TestCheckAddr(t *testing.T) {
	tests := []struct {
		addr          string
		tls, insecure bool
		ok            bool
	}{
		{"127.0.0.1:8080", false, false, true},
		{"[::1]:8080", false, false, true},
		{"localhost:8080", false, false, true},
		{"0.0.0.0:8080", false, false, false},
		{":8080", false, false, false},
		{"10.1.2.3:8080", false, false, false},
		{"0.0.0.0:8443", true, false, true},
		{"10.1.2.3:8080", false, true, true},
		{"no-port", false, false, false},
	}
	for _, tt := range tests {
		if err := checkAddr(tt.addr, tt.tls, tt.insecure); (err == nil) != tt.ok {
			t.Errorf("checkAddr(%q, tls %v, insecure %v) = %v; want ok %v", tt.addr, tt.tls, tt.insecure, err, tt.ok)
		}
	}
}
