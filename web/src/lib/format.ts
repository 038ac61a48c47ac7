// Display of stored codes. Codes stay as stored in data, exports and requests; only what a person
// reads is changed here.

/**
 * A code as a person reads it: "legal_aid" -> "legal aid", and a numeric range written with a double
 * hyphen (the CTDC's published "ageBroad" bands "0--8", "18--20", a TeX en-dash) -> "18–20".
 */
export function codeLabel(code: string): string {
  return code.replace(/(\d)\s*--\s*(\d)/g, '$1–$2').replace(/_/g, ' ');
}
