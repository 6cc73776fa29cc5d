import type { Page } from '@playwright/test'

/** A user as the administrator types them into 添加用户: the role stays the dialog's default, 接待员. */
export interface NewUser {
  badgeNo: string
  name: string
  position: string
  password: string
}

/** On 用户管理, the administrator opens 添加用户, fills in the user and submits the dialog. */
export async function addUser(page: Page, user: NewUser): Promise<void> {
  await page.getByRole('button', { name: '添加用户' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('工号').fill(user.badgeNo)
  await dialog.getByLabel('姓名').fill(user.name)
  await dialog.getByLabel('职务').fill(user.position)
  await dialog.getByLabel('初始密码').fill(user.password)
  await dialog.getByLabel('确认密码').fill(user.password)
  await dialog.getByRole('button', { name: '添加用户' }).click()
}

/** The receptionist most journeys add: 李晓梅, R001, with the initial password Start2026x. */
export const LI = { badgeNo: 'R001', name: '李晓梅', position: '接待员', password: 'Start2026x' }
