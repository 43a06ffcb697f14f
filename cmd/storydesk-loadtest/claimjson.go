package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// claimedStory is what the load test reads of a claimed story: enough to
// decide it and to check for double leases.
type claimedStory struct {
	ID      string
	LeaseID string
	Version int
}

// parseClaimAnswer reads a claim's answer ({"stories": [...]}, the
// storysync.ClaimResponse the server sends) for each story's id, lease id
// and version. It checks the whole answer is well-formed JSON, as
// encoding/json would, but skips the other fields (title, body, times)
// without decoding them: the load generator shares the machine's cores
// with the servers under test, and decoding every claimed story with
// encoding/json was most of its CPU in the start burst (0.28 ms of a
// 12 KB answer against about a tenth of that here).
func parseClaimAnswer(data []byte) ([]claimedStory, error) {
	p := &jsonScan{b: data}
	var out []claimedStory
	stories := false
	err := p.object(func(key []byte) error {
		if string(key) != "stories" {
			return p.skip()
		}
		stories, out = true, nil // a repeated key counts once, the last, as in encoding/json
		if p.literal("null") {
			return nil
		}
		return p.array(func() error {
			var st claimedStory
			err := p.object(func(key []byte) error {
				var err error
				switch string(key) {
				case "id":
					st.ID, err = p.str()
				case "lease_id":
					st.LeaseID, err = p.str()
				case "version":
					st.Version, err = p.int()
				default:
					err = p.skip()
				}
				return err
			})
			out = append(out, st)
			return err
		})
	})
	if err == nil {
		p.ws()
		if p.i != len(p.b) {
			err = p.errorf("data after the answer")
		}
	}
	if err == nil && !stories {
		err = errors.New("claim answer: no stories")
	}
	return out, err
}

// jsonScan walks JSON text (RFC 8259) byte by byte.
type jsonScan struct {
	b []byte
	i int
}

func (p *jsonScan) errorf(format string, args ...any) error {
	return fmt.Errorf("claim answer: offset %d: %s", p.i, fmt.Sprintf(format, args...))
}

func (p *jsonScan) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// peek skips white space and returns the next byte (0 at the end).
func (p *jsonScan) peek() byte {
	p.ws()
	if p.i < len(p.b) {
		return p.b[p.i]
	}
	return 0
}

func (p *jsonScan) expect(c byte) error {
	if p.peek() != c {
		return p.errorf("want %q", c)
	}
	p.i++
	return nil
}

// object reads an object, calling field for each key with the scanner
// before the key's value; field must read the value.
func (p *jsonScan) object(field func(key []byte) error) error {
	if err := p.expect('{'); err != nil {
		return err
	}
	if p.peek() == '}' {
		p.i++
		return nil
	}
	for {
		key, esc, err := p.rawStr()
		if err != nil {
			return err
		}
		if esc { // keys the load test reads never hold escapes
			key = nil
		}
		if err := p.expect(':'); err != nil {
			return err
		}
		if err := field(key); err != nil {
			return err
		}
		switch p.peek() {
		case ',':
			p.i++
		case '}':
			p.i++
			return nil
		default:
			return p.errorf("want ',' or '}'")
		}
	}
}

// array reads an array, calling elem with the scanner before each
// element; elem must read it.
func (p *jsonScan) array(elem func() error) error {
	if err := p.expect('['); err != nil {
		return err
	}
	if p.peek() == ']' {
		p.i++
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		switch p.peek() {
		case ',':
			p.i++
		case ']':
			p.i++
			return nil
		default:
			return p.errorf("want ',' or ']'")
		}
	}
}

// rawStr reads a string and returns its bytes between the quotes, and
// whether they hold an escape.
func (p *jsonScan) rawStr() (raw []byte, escaped bool, err error) {
	if err := p.expect('"'); err != nil {
		return nil, false, err
	}
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			return p.b[start : p.i-1], escaped, nil
		case c == '\\':
			escaped = true
			p.i++
			if p.i >= len(p.b) {
				break
			}
			switch p.b[p.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.i++
			case 'u':
				if len(p.b)-p.i < 5 || !isHex(p.b[p.i+1:p.i+5]) {
					return nil, false, p.errorf("bad \\u escape")
				}
				p.i += 5
			default:
				return nil, false, p.errorf("bad escape")
			}
		case c < 0x20:
			return nil, false, p.errorf("control character in a string")
		default:
			p.i++
		}
	}
	return nil, false, p.errorf("unterminated string")
}

// str reads a string value, decoding escapes.
func (p *jsonScan) str() (string, error) {
	p.ws()
	start := p.i
	raw, escaped, err := p.rawStr()
	if err != nil || !escaped {
		return string(raw), err
	}
	var s string
	if err := json.Unmarshal(p.b[start:p.i], &s); err != nil {
		return "", p.errorf("string: %v", err)
	}
	return s, nil
}

func isHex(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// number reads a number and returns its text.
func (p *jsonScan) number() ([]byte, error) {
	p.ws()
	start := p.i
	if p.i < len(p.b) && p.b[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.i < len(p.b) && p.b[p.i] == '0' {
		p.i++
	} else if digits() == 0 {
		return nil, p.errorf("want a value")
	}
	if p.i < len(p.b) && p.b[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return nil, p.errorf("digits after '.'")
		}
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		p.i++
		if p.i < len(p.b) && (p.b[p.i] == '+' || p.b[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return nil, p.errorf("digits in the exponent")
		}
	}
	return p.b[start:p.i], nil
}

func (p *jsonScan) int() (int, error) {
	num, err := p.number()
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(string(num))
	if err != nil {
		return 0, p.errorf("not an integer: %s", num)
	}
	return n, nil
}

// literal reads word (true, false, null) if it comes next.
func (p *jsonScan) literal(word string) bool {
	p.ws()
	if len(p.b)-p.i >= len(word) && string(p.b[p.i:p.i+len(word)]) == word {
		p.i += len(word)
		return true
	}
	return false
}

// skip reads any value.
func (p *jsonScan) skip() error {
	switch c := p.peek(); {
	case c == '{':
		return p.object(func([]byte) error { return p.skip() })
	case c == '[':
		return p.array(p.skip)
	case c == '"':
		_, _, err := p.rawStr()
		return err
	case c == 't' || c == 'f' || c == 'n':
		if p.literal("true") || p.literal("false") || p.literal("null") {
			return nil
		}
		return p.errorf("want a value")
	default:
		_, err := p.number()
		return err
	}
}
