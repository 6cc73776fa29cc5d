export interface UnitRow {
  id: number
  name: string
  retired: boolean
}

export interface HolidayRow {
  date: string
  kind: 'holiday' | 'workday'
  name: string
}
