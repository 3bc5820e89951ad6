<?xml version="1.0" encoding="UTF-8"?>
<!-- An OCF agent's meta-data (ra-api-1.dtd) as a manual page in roff,
     named like resource-agents' own: ocf_PROVIDER_AGENT(7).
       xsltproc -stringparam provider warmstandby man/ocf-ra2man.xsl META.xml
     Texts are joined into one paragraph each (normalize-space), so no line
     of output can start with a roff control character but the ones below. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:param name="provider" select="'warmstandby'"/>
  <xsl:param name="date" select="''"/>

  <!-- roff escapes: backslash first, then the minus sign -->
  <xsl:template name="esc">
    <xsl:param name="s"/>
    <xsl:variable name="b">
      <xsl:call-template name="replace">
        <xsl:with-param name="s" select="$s"/>
        <xsl:with-param name="from" select="'\'"/>
        <xsl:with-param name="to" select="'\e'"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="replace">
      <xsl:with-param name="s" select="$b"/>
      <xsl:with-param name="from" select="'-'"/>
      <xsl:with-param name="to" select="'\-'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="replace">
    <xsl:param name="s"/>
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:choose>
      <xsl:when test="contains($s, $from)">
        <xsl:value-of select="substring-before($s, $from)"/>
        <xsl:value-of select="$to"/>
        <xsl:call-template name="replace">
          <xsl:with-param name="s" select="substring-after($s, $from)"/>
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$to"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- one text line, safe from roff control characters -->
  <xsl:template name="line">
    <xsl:param name="s"/>
    <xsl:text>\&amp;</xsl:text>
    <xsl:call-template name="esc">
      <xsl:with-param name="s" select="normalize-space($s)"/>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="/resource-agent">
    <xsl:variable name="page" select="concat('ocf_', $provider, '_', @name)"/>
    <xsl:text>.TH "</xsl:text>
    <xsl:call-template name="esc">
      <xsl:with-param name="s" select="translate($page, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')"/>
    </xsl:call-template>
    <xsl:text>" 7 "</xsl:text><xsl:value-of select="$date"/>
    <xsl:text>" "warmstandby" "OCF resource agents"&#10;.SH NAME&#10;</xsl:text>
    <xsl:call-template name="esc"><xsl:with-param name="s" select="$page"/></xsl:call-template>
    <xsl:text> \- </xsl:text>
    <xsl:call-template name="esc">
      <xsl:with-param name="s" select="normalize-space(shortdesc[@lang='en' or not(@lang)][1])"/>
    </xsl:call-template>
    <xsl:text>&#10;.SH SYNOPSIS&#10;</xsl:text>
    <xsl:for-each select="parameters/parameter">
      <xsl:text>.RB [ OCF_RESKEY_</xsl:text>
      <xsl:call-template name="esc"><xsl:with-param name="s" select="@name"/></xsl:call-template>
      <xsl:text>=\fI</xsl:text>
      <xsl:call-template name="esc"><xsl:with-param name="s" select="content/@type"/></xsl:call-template>
      <xsl:text>\fP ]&#10;</xsl:text>
    </xsl:for-each>
    <xsl:text>.B </xsl:text>
    <xsl:call-template name="esc"><xsl:with-param name="s" select="@name"/></xsl:call-template>
    <xsl:text>&#10;.RB [ </xsl:text>
    <xsl:for-each select="actions/action">
      <xsl:if test="position() &gt; 1"><xsl:text> | </xsl:text></xsl:if>
      <xsl:call-template name="esc"><xsl:with-param name="s" select="@name"/></xsl:call-template>
    </xsl:for-each>
    <xsl:text> ]&#10;.SH DESCRIPTION&#10;</xsl:text>
    <xsl:call-template name="line">
      <xsl:with-param name="s" select="longdesc[@lang='en' or not(@lang)][1]"/>
    </xsl:call-template>
    <xsl:if test="parameters/parameter">
      <xsl:text>.SH SUPPORTED PARAMETERS&#10;</xsl:text>
      <xsl:for-each select="parameters/parameter">
        <xsl:text>.TP&#10;.B </xsl:text>
        <xsl:call-template name="esc"><xsl:with-param name="s" select="@name"/></xsl:call-template>
        <xsl:text>&#10;</xsl:text>
        <xsl:call-template name="line">
          <xsl:with-param name="s" select="shortdesc[@lang='en' or not(@lang)][1]"/>
        </xsl:call-template>
        <xsl:text>.br&#10;</xsl:text>
        <xsl:call-template name="line">
          <xsl:with-param name="s" select="longdesc[@lang='en' or not(@lang)][1]"/>
        </xsl:call-template>
        <xsl:text>.br&#10;</xsl:text>
        <xsl:call-template name="line">
          <xsl:with-param name="s" select="concat('(', content/@type,
            substring(', required', 1, 10 * (@required = '1')),
            substring(', unique', 1, 8 * (@unique = '1')),
            substring(concat(', default: ', content/@default), 1,
                      (11 + string-length(content/@default)) * (string-length(content/@default) &gt; 0)),
            ')')"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:if>
    <xsl:text>.SH SUPPORTED ACTIONS&#10;</xsl:text>
    <xsl:for-each select="actions/action">
      <xsl:call-template name="line">
        <xsl:with-param name="s">
          <xsl:value-of select="@name"/>
          <xsl:for-each select="@*[name() != 'name']">
            <xsl:value-of select="concat(' ', name(), '=', .)"/>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:text>.br&#10;</xsl:text>
    </xsl:for-each>
    <xsl:text>.SH SEE ALSO&#10;.BR crm (8),&#10;.BR ocf\-tester (8)&#10;</xsl:text>
  </xsl:template>
</xsl:stylesheet>
