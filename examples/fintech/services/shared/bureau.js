// The credit bureau's scoring, shared by the service and its development mock.

/** A FICO-like score from a report's facts: 300 to 850. */
export function scoreOf({ base, openAccounts, delinquencies, inquiries }) {
  const s = base + Math.min(openAccounts, 8) * 6 - delinquencies * 70 - Math.max(0, inquiries - 2) * 8;
  return Math.max(300, Math.min(850, Math.round(s)));
}

export function validNationalId(id) {
  return /^\d{3}-\d{2}-\d{4}$/.test(id) || /^[A-Z]{2}\d{2}[A-Z0-9]{4,30}$/.test(id.replace(/[\s-]/g, '').toUpperCase());
}
