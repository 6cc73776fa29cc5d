import type { Page } from '@playwright/test'
import { expect } from './fixtures'

/** 吕建国, a sample visitor from shared/fixtures/sample-visits.json. */
export const LV = { name: '吕建国', id: '420106196503120311', phone: '13700002222', address: '武汉市武昌区某小区' }

export async function threeShows(page: Page): Promise<void> {
  await page.getByLabel('已亮工号').check()
  await page.getByLabel('已亮姓名').check()
  await page.getByLabel('已亮职务').check()
  await expect(page.getByText(/三亮完成时间/)).toBeVisible()
  await page.getByRole('button', { name: '下一步' }).click()
}

export async function visitor(page: Page, v = LV): Promise<void> {
  await page.getByLabel('姓名').fill(v.name)
  await page.getByLabel('身份证号').fill(v.id)
  await page.getByLabel('联系电话').fill(v.phone)
  await page.getByLabel('住址').fill(v.address)
}

export async function fiveAnswers(page: Page): Promise<void> {
  await page.getByLabel('事实真相').fill('附近单位施工后，小区排水系统堵塞，雨天地下室积水，已持续两个月。')
  await page.getByLabel('诉求与理由').fill('要求施工单位修复排水管网。')
  await page.getByLabel('实际困难').fill('地下室无法使用，老人出行不便。')
  await page.getByLabel('信访经历').fill('首次来访。')
  await page.getByLabel('此前办理情况').fill('曾向物业反映，未解决。')
}

export async function categoryAndRouting(page: Page): Promise<void> {
  await page.getByLabel('诉求类别').click()
  await page.getByLabel('诉求类别').fill('市政')
  await page.getByTitle('城乡建设·市政设施').click()
  await page.getByText('受理', { exact: true }).click()
}


/** From the filled-in 来访人 step: on to the five answers, then the category and routing, up to 登记. */
export async function answersAndRouting(page: Page): Promise<void> {
  await page.getByRole('button', { name: '下一步' }).click()
  await fiveAnswers(page)
  await page.getByRole('button', { name: '下一步' }).click()
  await categoryAndRouting(page)
}

/** A whole reception of 吕建国 from the 三亮 step to 登记成功; returns the case number. */
export async function registerSample(page: Page, submit: 'button' | 'ctrl-s' = 'button'): Promise<string> {
  await threeShows(page)
  await visitor(page)
  await answersAndRouting(page)
  if (submit === 'ctrl-s') await page.keyboard.press('Control+s')
  else await page.getByRole('button', { name: '登记', exact: true }).click()
  await expect(page.getByTestId('registered-title')).toHaveText('登记成功')
  return page.getByTestId('case-number').innerText()
}
