package moderation

import (
	"errors"
	"fmt"
)

// Error codes callers branch on with ErrorCode.
const (
	ENOTFOUND     = "ENOTFOUND"
	ECONFLICT     = "ECONFLICT"
	EINVALID      = "EINVALID"
	EUNAVAILABLE  = "EUNAVAILABLE"
	EINTERNAL     = "EINTERNAL"
	EUNAUTHORIZED = "EUNAUTHORIZED"
	EFORBIDDEN    = "EFORBIDDEN"
)

// Error is a domain error with a machine-readable code. Its message never
// holds story text, names or span contents: errors end up in logs.
type Error struct {
	Code    string
	Field   string // the offending field for EINVALID, if known
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with code and a formatted message.
func Errorf(code, format string, args ...any) error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalidf returns an EINVALID error naming field.
func Invalidf(field, format string, args ...any) error {
	return &Error{Code: EINVALID, Field: field, Message: field + ": " + fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, "" for nil
// and EINTERNAL for any other error.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorField returns the field named by the first *Error in err's chain.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
