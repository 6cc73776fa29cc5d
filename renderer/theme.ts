import type { ThemeConfig } from 'antd'

/** Big type and roomy controls: receptionists work fast, often in front of a visitor. */
export const theme: ThemeConfig = {
  token: {
    fontSize: 16,
    controlHeight: 40,
    colorPrimary: '#0b5cad',
    borderRadius: 6,
    fontFamily: "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
  },
}
