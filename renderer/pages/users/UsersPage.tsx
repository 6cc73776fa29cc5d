import { zodResolver } from '@hookform/resolvers/zod'
import { UserAddOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { ROLES } from '../../../shared/domain'
import type { UserRow } from '../../../shared/rpc/types'
import { createUserSchema } from '../../../shared/schemas/accounts'
import { call, errorText } from '../../api/client'
import { useApp } from '../../app-context'
import { formatDateTime } from '../../format'
import { FieldItem } from '../../forms/FieldItem'
import { enterAdvances } from '../../forms/enter-advances'
import { applyServerErrors } from '../../forms/messages'

type CreateForm = z.input<typeof createUserSchema>
const EMPTY: CreateForm = { badgeNo: '', name: '', position: '', role: 'receptionist', password: '', confirmPassword: '' }

/** Users: the list and adding a user with an initial password (the full admin pages come later). */
export function UsersPage() {
  const { t } = useTranslation()
  const { hall } = useApp()
  const { message } = App.useApp()
  const [users, setUsers] = useState<UserRow[]>([])
  const [open, setOpen] = useState(false)
  const [error, setPageError] = useState<string | null>(null)
  const form = useForm<CreateForm, unknown, z.output<typeof createUserSchema>>({ resolver: zodResolver(createUserSchema), defaultValues: EMPTY })

  const load = useCallback(async () => {
    const r = await call('users.list', {})
    if (r.ok) setUsers(r.value)
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  const submit = form.handleSubmit(async (values) => {
    setPageError(null)
    const r = await call('users.create', values)
    if (r.ok) {
      setOpen(false)
      form.reset(EMPTY)
      void message.success(t('users.created', { name: r.value.name, badgeNo: r.value.badgeNo }))
      await load()
      return
    }
    if (!applyServerErrors(form.setError, r.error)) setPageError(errorText(r.error))
  })

  return (
    <Card
      title={<Typography.Title level={3} style={{ margin: 0 }}>{t('users.title')}</Typography.Title>}
      extra={
        <Button type="primary" icon={<UserAddOutlined />} onClick={() => setOpen(true)}>
          {t('users.add')}
        </Button>
      }
    >
      <Table<UserRow>
        rowKey="id"
        dataSource={users}
        pagination={false}
        columns={[
          { title: t('user.badgeNo'), dataIndex: 'badgeNo' },
          { title: t('user.name'), dataIndex: 'name' },
          { title: t('user.position'), dataIndex: 'position' },
          { title: t('user.role'), dataIndex: 'role', render: (v: string) => t(`user.roles.${v}`) },
          {
            title: t('users.status'),
            render: (_: unknown, u) => (
              <>
                {u.disabled ? <Tag color="red">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
                {u.mustChangePassword && <Tag color="gold">{t('users.mustChange')}</Tag>}
              </>
            ),
          },
          { title: t('users.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, hall.timeZone) },
        ]}
      />
      <Modal
        open={open}
        title={t('users.add')}
        okText={t('users.add')}
        cancelText={t('intake.cancel')}
        onOk={() => void submit()}
        confirmLoading={form.formState.isSubmitting}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form layout="vertical" component="div" onKeyDown={enterAdvances}>
          <FieldItem control={form.control} name="badgeNo" label={t('user.badgeNo')} required>
            {(f) => <Input {...f} autoFocus maxLength={20} />}
          </FieldItem>
          <FieldItem control={form.control} name="name" label={t('user.name')} required>
            {(f) => <Input {...f} maxLength={50} />}
          </FieldItem>
          <FieldItem control={form.control} name="position" label={t('user.position')} required>
            {(f) => <Input {...f} maxLength={40} />}
          </FieldItem>
          <FieldItem control={form.control} name="role" label={t('user.role')} required>
            {(f) => (
              <Select id={f.id} value={f.value} onChange={f.onChange} aria-label={t('user.role')} options={ROLES.map((r) => ({ value: r, label: t(`user.roles.${r}`) }))} />
            )}
          </FieldItem>
          <FieldItem control={form.control} name="password" label={t('users.initialPassword')} required help={t('users.initialPasswordHelp')}>
            {(f) => <Input.Password {...f} autoComplete="new-password" />}
          </FieldItem>
          <FieldItem control={form.control} name="confirmPassword" label={t('user.confirmPassword')} required>
            {(f) => <Input.Password {...f} autoComplete="new-password" />}
          </FieldItem>
        </Form>
      </Modal>
    </Card>
  )
}
