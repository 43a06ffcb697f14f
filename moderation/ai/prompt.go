package ai

import (
	"encoding/json"
	"strings"

	"github.com/storydesk/storydesk/moderation"
)

// promptVersion is part of the cache key: change it whenever the prompt or
// schema changes so that old answers are not reused.
const promptVersion = "storydesk-ai-1"

// systemPrompt states the task, the kinds and the policy of what is not
// flagged (the dev set's README), and the answer format.
const systemPrompt = `You help moderators of a UK website where patients and carers publish stories about NHS and social care services. Read the story and list the words a moderator must remove or act on before publication.

Identifiers already found have been replaced by placeholders such as [PERSON_1] or [PHONE_2]. Never report a placeholder. The same placeholder means the same text.

Kinds (quote only the words named in brackets):
- PERSON: a named private individual: patient, relative, member of staff, the author's sign-off; first names alone too ("Nurse Kelly", "my husband Dave"). [the name only, without Dr/Mr/Nurse and without a possessive 's]
- NHS_NUMBER: a 10-digit NHS number in any grouping. [the digits]
- HOSPITAL_NUMBER: a hospital, unit, case-note or patient number given as such. [the number only]
- NI_NUMBER: a National Insurance number. [the number]
- PHONE: a UK phone number in any format. [from +44 or an opening bracket to the last digit]
- EMAIL: an e-mail address, also one written out in words. [the address]
- POSTCODE: a full UK postcode. [the postcode]
- ADDRESS: a house or flat number or house name with its street or building. [number or name through the street name, without town or postcode]
- DATE_OF_BIRTH: a date given as someone's birth date. [the date only]
- HANDLE: a social-media handle. [including @]
- PROFANITY: swear words used as intensifiers or exclamations, also disguised ("f**king", "sh1te", "FFS"). [the word only]
- ABUSE: insults, epithets and discriminatory remarks aimed at a person or group. [the insulting words, without "the" and without the person]
- THREAT: a threat of violence against staff or others. [the threatening clause to the end of its sentence, without a leading "if" or time clause]
- SAFEGUARDING: a current risk of harm to the author or someone else, or abuse or neglect of a vulnerable person. [one statement from its main clause to its end]

Do NOT flag:
- mild words: hell, damn, bloody, crap, God;
- criticism of behaviour: rude, abrupt, dismissive;
- complaint routes: a complaint, the ombudsman, an MP, the ICB;
- figurative violence or death ("I thought I'd die of cold", "painkillers");
- past, resolved crises, bereavement, a general warning that "someone will die";
- low-level care-quality problems: an empty water jug, lost property, late transport;
- organisations, wards and places named after people (Nightingale Ward, a Macmillan nurse);
- famous, historical and fictional people and brands;
- job titles without a name (the consultant, Sister, the practice manager);
- common words that are also names unless used as a name ("a frank talk", "Will I drive again?", "in April");
- medical and anatomical words; place names with rude substrings (Scunthorpe, Cockfosters);
- numbers that are not identifiers (times, doses, prices, ages, ward, bay or bed numbers, 999, 111);
- dates that are not birth dates; a town or a street without a house number; descriptions of staff.

Answer with one JSON object and nothing else:
{"suggestions":[{"kind":"PERSON","quote":"Dave","reason":"first name of the author's husband","confidence":0.9}]}
"kind" is one of the kinds above. "quote" copies the words from the story exactly, character for character. List every occurrence as its own entry. "reason" is a few words. "confidence" is between 0 and 1. If nothing needs flagging, answer {"suggestions":[]}.`

// userMessage is everything sent about one story: its masked body, fenced
// so that instructions written inside a story are read as story text.
func userMessage(maskedBody string) string {
	return "Story:\n<<<\n" + maskedBody + "\n>>>"
}

// answerSchema is the JSON schema of the answer for structured output.
var answerSchema = func() json.RawMessage {
	kinds := make([]string, len(moderation.Kinds))
	for i, k := range moderation.Kinds {
		kinds[i] = string(k)
	}
	item := map[string]any{
		"type": "object",
		"properties": map[string]any{
			"kind":       map[string]any{"type": "string", "enum": kinds},
			"quote":      map[string]any{"type": "string"},
			"reason":     map[string]any{"type": "string"},
			"confidence": map[string]any{"type": "number"},
		},
		"required":             []string{"kind", "quote", "reason", "confidence"},
		"additionalProperties": false,
	}
	schema := map[string]any{
		"type":                 "object",
		"properties":           map[string]any{"suggestions": map[string]any{"type": "array", "items": item}},
		"required":             []string{"suggestions"},
		"additionalProperties": false,
	}
	b, err := json.Marshal(schema)
	if err != nil {
		panic(err) // a literal map of strings always marshals
	}
	return b
}()

// suggestion is one entry of the model's answer.
type suggestion struct {
	Kind       string   `json:"kind"`
	Quote      string   `json:"quote"`
	Reason     string   `json:"reason"`
	Confidence *float64 `json:"confidence"`
}

type answer struct {
	Suggestions *[]suggestion `json:"suggestions"`
}

// kindAliases maps names models commonly use to StoryDesk kinds.
var kindAliases = map[string]moderation.Kind{
	"NAME":               moderation.Person,
	"PERSON_NAME":        moderation.Person,
	"PHONE_NUMBER":       moderation.Phone,
	"TELEPHONE":          moderation.Phone,
	"EMAIL_ADDRESS":      moderation.Email,
	"E-MAIL":             moderation.Email,
	"DOB":                moderation.DateOfBirth,
	"NHS":                moderation.NHSNumber,
	"SWEARING":           moderation.Profanity,
	"INSULT":             moderation.Abuse,
	"POST_CODE":          moderation.Postcode,
	"NATIONAL_INSURANCE": moderation.NINumber,
}

// parseKind accepts a kind in any case, and the common aliases.
func parseKind(s string) (moderation.Kind, bool) {
	if k, err := moderation.ParseKind(s); err == nil {
		return k, true
	}
	k, ok := kindAliases[strings.ToUpper(strings.TrimSpace(s))]
	return k, ok
}

// parseAnswer decodes the model's reply. Models in plain mode wrap JSON in
// code fences, "thinking" blocks or a sentence; the outermost JSON object is
// taken. ok is false when there is no such object with a suggestions array.
func parseAnswer(content string) (suggs []suggestion, ok bool) {
	if i := strings.LastIndex(content, "</think>"); i >= 0 {
		content = content[i+len("</think>"):]
	}
	start := strings.Index(content, "{")
	end := strings.LastIndex(content, "}")
	if start < 0 || end < start {
		return nil, false
	}
	var a answer
	if err := json.Unmarshal([]byte(content[start:end+1]), &a); err != nil || a.Suggestions == nil {
		return nil, false
	}
	return *a.Suggestions, true
}
