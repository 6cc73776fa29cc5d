// The GB 11643 check character for test data, computed the way the standard defines it
// (ISO 7064 MOD 11-2: weight 2^(17-i) mod 11, check value (12 - sum mod 11) mod 11, 10 → X),
// not with the product's weight and character tables. A product table with a wrong entry then
// makes the IDs generated here fail validation instead of agreeing with it by construction.

/** The check character of the first 17 digits of a resident ID number, from the standard's formula. */
export function standardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`17 digits expected, got ${first17}`)
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11)
  const value = (12 - (sum % 11)) % 11
  return value === 10 ? 'X' : String(value)
}

/** A valid 18-character ID number for the 17 digits. */
export function withStandardCheck(first17: string): string {
  return `${first17}${standardCheckChar(first17)}`
}
