// CAMEO's twenty root categories (the event's "root" code), for labels; the full codebook is in data/.
const ROOTS = {
  '01': 'Make public statement', '02': 'Appeal', '03': 'Express intent to cooperate', '04': 'Consult',
  '05': 'Diplomatic cooperation', '06': 'Material cooperation', '07': 'Provide aid', '08': 'Yield',
  '09': 'Investigate', '10': 'Demand', '11': 'Disapprove', '12': 'Reject', '13': 'Threaten', '14': 'Protest',
  '15': 'Exhibit force posture', '16': 'Reduce relations', '17': 'Coerce', '18': 'Assault', '19': 'Fight',
  '20': 'Unconventional mass violence',
};

export function rootName(code) {
  return ROOTS[String(code).slice(0, 2)] ?? '';
}

export function eventLabel(code) {
  const name = rootName(code);
  return name ? `${code} ${name}` : String(code);
}
