{{/* The service's name; every object of the release is named after it (http://orders:3004). */}}
{{- define "svc.name" -}}
{{- required "service.name is required (e.g. -f deploy/helm/values/orders.yaml)" .Values.service.name -}}
{{- end }}

{{- define "svc.port" -}}
{{- if not (and (ge (int .Values.service.port) 1) (le (int .Values.service.port) 65535)) }}
{{- fail "service.port is required (1-65535)" }}
{{- end }}
{{- .Values.service.port | int -}}
{{- end }}

{{- define "svc.selectorLabels" -}}
app.kubernetes.io/name: {{ include "svc.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "svc.labels" -}}
{{ include "svc.selectorLabels" . }}
app.kubernetes.io/part-of: emporium
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}

{{- define "svc.image" -}}
{{- $repo := .Values.image.repository | default (printf "emporium/%s" (include "svc.name" .)) -}}
{{- printf "%s:%s" $repo (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end }}

{{/* The Secret holding DATABASE_URL and JWT_SECRET. */}}
{{- define "svc.secretName" -}}
{{- .Values.secret.existingSecret | default (printf "%s-secrets" (include "svc.name" .)) -}}
{{- end }}

{{/* Pod security shared by the service and its migration Job. */}}
{{- define "svc.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1000
runAsGroup: 1000
fsGroup: 1000
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "svc.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end }}
