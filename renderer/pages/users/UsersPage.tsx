import { zodResolver } from '@hookform/resolvers/zod'
import { KeyOutlined, StopOutlined, UndoOutlined, UserAddOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { Role } from '../../../shared/domain'
import { ROLES } from '../../../shared/domain'
import type { UserRow } from '../../../shared/accounts/types'
import { createUserSchema } from '../../../shared/accounts/schemas'
import { call, errorText } from '../../api/client'
import { useRpcQuery } from '../../api/queries'
import { useApp } from '../../app-context'
import { formatDateTime } from '../../format'
import { FieldItem } from '../../forms/FieldItem'
import { enterAdvances } from '../../forms/enter-advances'
import { applyServerErrors } from '../../forms/messages'
import { NewPasswordFields } from './NewPasswordFields'
import { ResetPasswordDialog } from './ResetPasswordDialog'

type CreateForm = z.input<typeof createUserSchema>
const EMPTY: CreateForm = { badgeNo: '', name: '', position: '', role: 'receptionist', password: '', confirmPassword: '' }

/**
 * Users: the list, adding a user with an initial password, changing a role, disabling or
 * enabling an account and resetting a password. The main side enforces the rules (nobody
 * disables themselves, the last administrator stays); the page only greys out what cannot apply.
 */
export function UsersPage() {
  const { t } = useTranslation()
  const { hall, session } = useApp()
  const { message } = App.useApp()
  const list = useRpcQuery('users.list', {})
  const users = list.data ?? []
  const [open, setOpen] = useState(false)
  const [error, setPageError] = useState<string | null>(null)
  const [resetting, setResetting] = useState<UserRow | null>(null)
  const form = useForm<CreateForm, unknown, z.output<typeof createUserSchema>>({ resolver: zodResolver(createUserSchema), defaultValues: EMPTY })

  const load = () => list.refetch()

  const update = async (u: UserRow, change: { role?: Role; disabled?: boolean }) => {
    const r = await call('users.update', { id: u.id, role: change.role ?? u.role, disabled: change.disabled ?? u.disabled })
    if (r.ok) {
      const v = r.value
      const done =
        change.role !== undefined
          ? t('users.roleChanged', { name: v.name, role: t(`user.roles.${v.role}`) })
          : t(v.disabled ? 'users.disabledDone' : 'users.enabledDone', { name: v.name, badgeNo: v.badgeNo })
      void message.success(done)
    } else {
      void message.error(errorText(r.error))
    }
    await load()
  }

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
        loading={list.isPending}
        pagination={false}
        columns={[
          { title: t('user.badgeNo'), dataIndex: 'badgeNo' },
          {
            title: t('user.name'),
            render: (_: unknown, u) => (
              <span className="nowrap">
                {u.name}
                {u.id === session.userId && <Tag style={{ marginInlineStart: 8 }}>{t('users.self')}</Tag>}
              </span>
            ),
          },
          { title: t('user.position'), dataIndex: 'position' },
          {
            title: t('user.role'),
            render: (_: unknown, u) => (
              <Select<Role>
                value={u.role}
                disabled={u.id === session.userId}
                aria-label={`${t('user.role')} ${u.badgeNo}`}
                // Wide enough for the longest role in English (Administrator), never cut.
                style={{ width: 150 }}
                onChange={(role) => void update(u, { role })}
                options={ROLES.map((r) => ({ value: r, label: t(`user.roles.${r}`) }))}
              />
            ),
          },
          {
            title: t('users.status'),
            render: (_: unknown, u) => (
              <>
                {u.disabled ? <Tag color="red">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
                {u.mustChangePassword && <Tag color="gold">{t('users.mustChange')}</Tag>}
              </>
            ),
          },
          { title: t('users.createdAt'), dataIndex: 'createdAt', className: 'nowrap', render: (v: string) => formatDateTime(v, hall.timeZone) },
          {
            title: t('users.actions'),
            render: (_: unknown, u) => {
              const self = u.id === session.userId
              // Small buttons that may wrap: at 1366 in English the table otherwise ran past the page.
              return (
                <Space wrap size={[8, 4]}>
                  {u.disabled ? (
                    <Button size="small" icon={<UndoOutlined />} onClick={() => void update(u, { disabled: false })}>
                      {t('users.enable')}
                    </Button>
                  ) : (
                    <Popconfirm
                      title={t('users.disableConfirm', { name: u.name, badgeNo: u.badgeNo })}
                      description={<div style={{ maxWidth: 320 }}>{t('users.disableHelp')}</div>}
                      okText={t('users.disable')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('intake.cancel')}
                      onConfirm={() => update(u, { disabled: true })}
                      disabled={self}
                    >
                      <Button size="small" danger icon={<StopOutlined />} disabled={self}>
                        {t('users.disable')}
                      </Button>
                    </Popconfirm>
                  )}
                  <Button size="small" icon={<KeyOutlined />} disabled={self} onClick={() => setResetting(u)}>
                    {t('users.resetPassword')}
                  </Button>
                </Space>
              )
            },
          },
        ]}
      />
      {resetting && (
        <ResetPasswordDialog
          key={resetting.id}
          user={resetting}
          onClose={() => setResetting(null)}
          onDone={(u) => {
            setResetting(null)
            void message.success(t('users.resetDone', { name: u.name }))
            void load()
          }}
        />
      )}
      <Modal
        open={open}
        title={t('users.add')}
        okText={form.formState.isSubmitting ? t('busy.addingUser') : t('users.add')}
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
          <NewPasswordFields control={form.control} label={t('users.initialPassword')} help={t('users.initialPasswordHelp')} />
        </Form>
      </Modal>
    </Card>
  )
}
