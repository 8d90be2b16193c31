/**
 * The shape of the lesson material once loaded from `content/`.
 * Everything downstream (search, the bot's answers, `/reload`) works on these types only,
 * so a training centre can drop in its own Markdown and nothing else has to change.
 */
export type ContentKind = "program" | "lesson" | "reading" | "faq" | "glossary";

export interface ContentDoc {
  /** Stable id from the front matter, unique across `content/`. */
  id: string;
  title: string;
  kind: ContentKind;
  /** Lesson number (1–6 for the national program; centres may add more). */
  lesson?: number;
  keywords: string[];
  /** How sure the authors are of the facts in this file; `medium` asks a centre to check it. */
  confidence: "high" | "medium" | "low";
  /** Path relative to the content directory, for citations and error messages. */
  file: string;
  /** Markdown body (after the front matter), NFC. */
  body: string;
  /** 1-based line number in `file` where `body` starts, so passages can point back to a line. */
  bodyLine: number;
  /** Who may read it: absent = everyone; `centre:<name>` or `class:<classId>` for a file a centre uploaded. */
  scope?: string;
  /** Page of each body line (index 0 = `bodyLine`), for files that have pages; 0 = none. */
  pageAt?: number[];
}

/** Shorthand and filler words used to normalise learners' questions. */
export interface Lexicon {
  /** shorthand (as typed, any case/diacritics) → expansion, e.g. "ko" → "không", "bt" → "bí thư". */
  abbreviations: Record<string, string>;
  /** Phrases that carry no meaning in a question ("là gì", "cho hỏi", "ạ"). */
  fillers: string[];
  /**
   * A learner's everyday word → the word(s) the material uses for it ("bà con" → "người dân"). The search reads the
   * question both ways; the typed word is kept.
   */
  synonyms?: Record<string, string[]>;
}

export interface ContentBundle {
  docs: ContentDoc[];
  lexicon: Lexicon;
}

/**
 * One problem found while loading `content/`, reported as `file:line message`. The message is a Fluent key
 * (`locales/<lang>/content.ftl`) and its variables, so `content:check` and start-up render it in the reader's language.
 */
export interface ContentProblem {
  file: string;
  line: number;
  code: string;
  vars?: Record<string, string | number>;
  /** Where inside the file, shown before the message (a YAML path such as `abbreviations.bt`). */
  at?: string;
}
