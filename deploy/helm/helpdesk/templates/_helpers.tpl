{{/* Names and labels shared by every template. */}}
{{- define "helpdesk.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "helpdesk.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "helpdesk.selectorLabels" -}}
app.kubernetes.io/name: {{ include "helpdesk.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "helpdesk.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "helpdesk.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "helpdesk.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "helpdesk.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Secret names: the chart's own when the value is given inline, else the existing Secret. */}}
{{- define "helpdesk.modelSecret" -}}
{{- if .Values.model.apiKey -}}{{ include "helpdesk.fullname" . }}-model{{- else -}}{{ .Values.model.existingSecret }}{{- end -}}
{{- end -}}
{{- define "helpdesk.modelSecretKey" -}}
{{- if .Values.model.apiKey -}}api-key{{- else -}}{{ .Values.model.existingSecretKey }}{{- end -}}
{{- end -}}

{{- define "helpdesk.usersSecret" -}}
{{- if .Values.auth.usersYaml -}}{{ include "helpdesk.fullname" . }}-users{{- else -}}{{ .Values.auth.existingSecret }}{{- end -}}
{{- end -}}
{{- define "helpdesk.usersSecretKey" -}}
{{- if .Values.auth.usersYaml -}}users.yaml{{- else -}}{{ .Values.auth.existingSecretKey }}{{- end -}}
{{- end -}}

{{- define "helpdesk.auditSecret" -}}
{{- if .Values.audit.url -}}{{ include "helpdesk.fullname" . }}-audit{{- else -}}{{ .Values.audit.existingSecret }}{{- end -}}
{{- end -}}
{{- define "helpdesk.auditSecretKey" -}}
{{- if .Values.audit.url -}}url{{- else -}}{{ .Values.audit.existingSecretKey }}{{- end -}}
{{- end -}}

{{/* The rules of the read-only role: what the Kubernetes tools read (tools/.../kubernetes; RbacCoverageTest records it). */}}
{{- define "helpdesk.readRules" -}}
- apiGroups: [""]
  resources: [pods, pods/log, events, services, endpoints, persistentvolumeclaims]
  verbs: [get, list, watch]
- apiGroups: [apps]
  resources: [deployments, statefulsets]
  verbs: [get, list, watch]
- apiGroups: [metrics.k8s.io]
  resources: [pods]
  verbs: [get, list]
- apiGroups: [postgresql.cnpg.io]
  resources: [clusters]
  verbs: [get, list, watch]
- apiGroups: [acid.zalan.do]
  resources: [postgresqls]
  verbs: [get, list, watch]
- apiGroups: [postgres-operator.crunchydata.com]
  resources: [postgresclusters]
  verbs: [get, list, watch]
{{- end -}}

{{/* Cluster-scoped reads: only a ClusterRole can grant them. */}}
{{- define "helpdesk.clusterReadRules" -}}
- apiGroups: [""]
  resources: [nodes, namespaces]
  verbs: [get, list, watch]
- apiGroups: [apiextensions.k8s.io]
  resources: [customresourcedefinitions]
  verbs: [get, list, watch]
{{- end -}}

{{/* The write verbs of the remediation tools: delete_pod, restart_workload and scale_workload. */}}
{{- define "helpdesk.remediationRules" -}}
- apiGroups: [""]
  resources: [pods]
  verbs: [delete]
- apiGroups: [apps]
  resources: [deployments, statefulsets]
  verbs: [patch]
- apiGroups: [apps]
  resources: [deployments/scale, statefulsets/scale]
  verbs: [get, patch, update]
{{- end -}}
